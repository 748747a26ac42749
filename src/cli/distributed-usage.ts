/** `stampede merge --help` and `stampede k8s --help` (docs/distributed.md has the whole story). */

export function mergeUsageText(): string {
  return `Usage: stampede merge FILE... [options]
       kubectl logs -l job-name=NAME --tail=-1 | stampede merge - [options]

Merges the results of a test's segments (stampede run FILE --segment K/N prints
one line of JSON each) into one run, exactly: counts summed, HdrHistograms merged,
intervals lined up on the wall clock, each generator's health kept. FILE may hold
other lines too (a pod's stderr); - reads stdin. Thresholds are judged once, on
the merged run: the test file's, or those given here.

Options:
      --threshold EXPR   judge the merged run by EXPR (as stampede run's), replacing
                         the test file's; repeat for more
      --json             print the merged report as one JSON object
      --report FILE      write it as HTML (.html), JSON with its series (.json) or
                         Markdown (.md): importable into the app's history and
                         usable by stampede compare
      --csv FILE         write the merged time series as CSV
      --junit FILE       write a JUnit XML file: a test case per threshold
  -h, --help             print this help

Exit status: 0 when every segment is there and finished and every threshold
passed; 3 when a threshold failed; 1 when a segment is missing or was cut short
(the output names it; the figures are of the others only); 2 for bad arguments,
results of different tests, or the same segment twice.
`
}

export function k8sUsageText(): string {
  return `Usage: stampede k8s FILE --generators N [options] | kubectl apply -f -

Prints the Kubernetes manifests that run the test FILE on N generators: a
ConfigMap holding the test file, an Indexed Job of N pods (each runs segment K of
N, all start together behind a barrier), and the headless Service the barrier
answers behind. Then:

  kubectl wait --for=condition=complete job/NAME --timeout=30m
  kubectl logs -l job-name=NAME --tail=-1 | stampede merge - --report report.html

Options:
      --generators N     pods, each running 1/N of the test (required)
      --image IMAGE      the container image (default ghcr.io/stampede-load/stampede:VERSION)
      --namespace NS     the namespace (default: kubectl's current one)
      --name NAME        the Job's name, a DNS label (default: from FILE's name)
      --cpu C            CPU per pod, requests = limits (default 1)
      --memory M         memory per pod, requests = limits (default 512Mi)
      --barrier-timeout D  how long the generators wait for each other (default 300s)
  -h, --help             print this help
`
}
