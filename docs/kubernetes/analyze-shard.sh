#!/bin/sh
# One shard of the archive into one partial: what each pod of the Indexed Job
# runs (analyze-job.yaml), and what test/cli/kubernetes.test.ts runs locally.
#   JOB_COMPLETION_INDEX  this pod's index, 0 to SHARDS-1 (set by Kubernetes)
#   SHARDS                the Job's completions
#   ARCHIVE               the captures: a directory (read recursively), a file or a glob
#   SHARED                storage every pod of both Jobs mounts
#   PODTRAIL_JOBS         threads for this pod (its CPU limit; default 1)
set -eu
mkdir -p "$SHARED/parts"
exec podtrail analyze "$ARCHIVE" \
  --shard "$JOB_COMPLETION_INDEX/$SHARDS" \
  -j "${PODTRAIL_JOBS:-1}" \
  --partial "$SHARED/parts/part-$JOB_COMPLETION_INDEX.partial"
