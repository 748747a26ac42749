import type { CaptureSource, FlowDefinition } from '../flow/flow-definition'

/**
 * What an import gives: the test it proposes (a name and a flow, ready for the test file version 2)
 * and its findings, everything the review screen and the CLI's stderr say about it. Nothing in a
 * recording is dropped, replaced or kept in silence: each of those is a finding here.
 */
export interface ImportedTest {
  /** Proposed: the recording's title, a collection's name, or the journey's host. */
  name: string
  flow: FlowDefinition
  findings: ImportFindings
}

export interface ImportFindings {
  /** HAR and cURL: every host the recording talks to, with what was decided. Postman: empty. */
  hosts: HostChoice[]
  /** Requests left out, each with its reason. */
  dropped: DroppedRequest[]
  /** Headers taken off the steps, by name, with why and how many steps had one. */
  droppedHeaders: DroppedHeader[]
  correlations: CorrelationProposal[]
  secrets: SecretFinding[]
  /** What the source holds that the test does not (script lines, form-data files, unknown auth, curl flags). */
  notConverted: NotConverted[]
}

export interface HostChoice {
  host: string
  /** Requests to it that are not static assets. */
  requests: number
  kept: boolean
  /** A known analytics service or CDN: listed, never kept unless asked. */
  analytics: boolean
  /** The host the journey talks to (most kept requests, else the first page's). */
  journey: boolean
}

export type DropReason = 'static' | 'otherHost' | 'preflight' | 'notHttp'

export interface DroppedRequest {
  method: string
  url: string
  reason: DropReason
}

export interface DroppedHeader {
  /** Lower case. */
  name: string
  reason: string
  /** Steps that carried it. */
  steps: number
}

/** Where in a request a recorded value was found again. */
export type UseLocation = 'url' | 'header' | 'body'

export interface CorrelationUse {
  /** Index into flow.steps. */
  step: number
  where: UseLocation
  /** The header's name, for a header. */
  name?: string
}

/**
 * A value a response gave and a later request sent back: a capture on the step that produced it and
 * `{{variable}}` where it is used. The review accepts or rejects each; rejected, the recorded value
 * stays a literal (./build-import.ts's `rejected` option).
 */
export interface CorrelationProposal {
  /** Stable across rebuilds with other options: the producing exchange's place in the recording, the source and the expression. */
  id: string
  variable: string
  /** Index into flow.steps of the step that captures it. */
  step: number
  source: CaptureSource
  expression: string
  /** The recorded value, shortened for display (a live token in a review screen is shown in part). */
  preview: string
  uses: CorrelationUse[]
  accepted: boolean
}

export type SecretKind = 'authorization' | 'cookie' | 'apiKey' | 'password' | 'token'

export interface SecretFinding {
  /** Index into flow.steps; absent for a variable of the file (Postman's). */
  step?: number
  kind: SecretKind
  /** `header Authorization`, `body password`, `query api_key`, `variable apiKey`. */
  where: string
  /**
   * true: the recorded secret is written into the test file as it is (a password in a login body),
   * so whoever commits the file commits it. false: it left the file (a correlated variable, a Cookie
   * the virtual user's jar replaces).
   */
  staysInFile: boolean
}

export interface NotConverted {
  /** The request's or step's name, as the source calls it. */
  where: string
  text: string
  reason: string
}

export function emptyFindings(): ImportFindings {
  return { hosts: [], dropped: [], droppedHeaders: [], correlations: [], secrets: [], notConverted: [] }
}
