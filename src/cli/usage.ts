import { PLAN_DEFAULTS } from '../shared/run-plan'
import { DEFAULT_DURATION_SECONDS, DEMO_DURATION_SECONDS } from './arguments'

/** `stampede --help`. The error kinds are the app's own vocabulary (src/shared/run-snapshot.ts). */
export function usageText(defaultWorkers: number): string {
  return `Usage: stampede [options] <url>
       stampede run <file> [options]
       stampede --demo [options]
       stampede compare BASE.json NEW.json [--fail-on EXPR]... [--json]

Load-tests one HTTP(S) URL and reports requests per second, latency percentiles,
status codes and errors. It stops after -n requests, -d seconds or the end of
--stages, whichever comes first; with none of them, it runs for ${DEFAULT_DURATION_SECONDS} seconds.

run <file> runs a test file (YAML, or JSON when the name ends .json): the request,
load, shape and thresholds a test saved from the app holds, as in
examples/checkout.stampede.yaml. Each option given replaces its one value in the
file; -H replaces the file's headers of that name and adds the others; --threshold,
when given, replaces the file's thresholds; -w replaces load.workers; --url URL
replaces request.url (the same test against another environment). A file of
version 2 may hold a flow of steps (captures, checks, data rows: see README's
Flows); -m, -b, -H and --url then refuse, as each step has its own.

Options:
  -n, --requests N       send N requests in all
  -i, --iterations N     a flow: run N iterations through its steps in all
  -d, --duration SEC     run for SEC seconds; decimals allowed, as in 0.5
  -c, --connections N    connections to keep open (default ${PLAN_DEFAULTS.concurrency})
  -r, --rate RPS         open model: start RPS requests a second whatever the server
                         does, latency counted from when each was due. Without it,
                         the closed model: each connection sends its next request
                         once the last one is answered
      --stages LIST      a load shape: stages DURATION:TARGET separated by commas, as in
                         30s:200,1m:200,10s:0 (durations in ms, s or m). Each ramps
                         linearly from the target before it: requests a second,
                         starting from -r, when -r is given; else connections,
                         starting from -c. A shape may start from -r 0 or -c 0
  -p, --pipelining N     requests in flight per connection (default ${PLAN_DEFAULTS.pipelining}); with
                         HTTP/2, streams per connection
  -m, --method M         HTTP method (default ${PLAN_DEFAULTS.method})
  -H, --header 'N: V'    send this header with every request; repeat for more
  -b, --body TEXT        send this body with every request; -b @FILE reads it from FILE
      --timeout MS       give up on a request after MS milliseconds (default ${PLAN_DEFAULTS.timeoutMs})
      --http2            HTTP/2 over TLS (https:// URLs; offered by ALPN)
      --h2c              HTTP/2 without TLS, from the first byte (http:// URLs)
  -k, --insecure         accept any TLS certificate (self-signed, expired, another
                         host's): for test servers only
  -w, --workers N        engine processes to share the load (default ${defaultWorkers}: one per
                         core but one)
      --json             print one JSON object on stdout instead of the summary
      --threshold EXPR   a condition the run must meet, such as 'p99<250ms',
                         'error_rate<1%' or 'rps>500'; repeat for more. Metrics: p50
                         p90 p99 p99.9 p99.99 max mean, the same of time to first
                         byte as ttfb_p99 etc., error_rate, client_or_server_error_rate
                         (4xx-5xx), rps, checks (the share of a flow's checks
                         passed: 'checks>99%'). Times in ms unless given (0.5s,
                         800us). 'STEP: EXPR' judges one step of a flow alone,
                         such as 'log in: p99<250ms'
      --report FILE      write the report to FILE: self-contained HTML (.html), the
                         JSON report with its time series (.json) or Markdown (.md)
      --csv FILE         write the time series to FILE as CSV, one row per interval
                         (a flow's adds a row per step after an empty line)
      --junit FILE       write JUnit XML to FILE for CI: a test case per threshold
                         and per check of each step
      --demo             start the built-in demo target and test it (${DEMO_DURATION_SECONDS} s unless
                         -n or -d is given)
  -h, --help             print this help
      --version          print the version

Errors, by kind (requests that ended without a full response):
  refused    nothing accepted the connection (no server on that port)
  reset      the connection was reset or closed before the response was complete
  timeout    no full response within --timeout
  dns        the host name could not be resolved
  tls        the TLS handshake failed or the certificate was refused
  protocol   the response was not valid HTTP
  cancelled  aborted by Ctrl-C
  other      anything else

A progress line is drawn on stderr when it is a terminal. Ctrl-C stops the run at
once and still prints the results so far ("cancelled": true in JSON); press it
again to quit without them.

Exit status: 0 when the run finished (even if requests failed) and every
--threshold passed; 3 when it finished and a threshold failed; 2 for bad
arguments or a bad test file (nothing is sent); 1 otherwise: stopped by Ctrl-C, the engine could not
start or stopped, a file could not be written, or another error.

stampede compare --help explains comparing two runs.
`
}

/** `stampede compare --help`. */
export function compareUsageText(): string {
  return `Usage: stampede compare BASE.json NEW.json [--fail-on EXPR]... [--json]

Compares two runs: the base run (a baseline) and the new one, each a report file
(what --json prints, or --report FILE.json). Prints how each metric moved, which
way is better, and the settings that differ; another URL, method, model, rate,
connections, pipelining, workers, shape, protocol or steps of a flow (another
name or order), a run cut short or a run the load generator limited make the
comparison suspect, and a warning says so. Flows are compared step by step too.
A change under 1% of the base, or one that reads the same, is "unchanged".

Options:
      --fail-on EXPR     exit 3 when the new run moved past this limit; repeat for
                         more. METRIC>CHANGE or METRIC<CHANGE with the metrics of
                         --threshold. Latency and rps: a percentage of the base
                         ('p99>+10%', 'rps<-5%') or an amount ('p99>+20ms',
                         'rps<-50'). Rates: percentage points ('error_rate>+0.5%'
                         fails when 1% becomes more than 1.5%). A limit with no
                         figure to judge (no response in a run) is exceeded.
                         'STEP: LIMIT' judges one step of two flows, matched by
                         name ('log in: p99>+10%')
      --json             print one JSON object: base, next, metrics, settings,
                         suspect, failOn
  -h, --help             print this help

Exit status: 0 when every --fail-on limit passed (or none was given); 3 when one
was exceeded; 2 for bad arguments or a file that is not a run report (stderr
names the file and what is wrong).
`
}
