#!/bin/sh
# The partials of every shard into the reports: what the merge Job runs
# (merge-job.yaml), once the Indexed Job has completed.
#   SHARED                storage every pod of both Jobs mounts
#   SHARDS                how many partials to expect (the Indexed Job's completions)
set -eu
found=$(find "$SHARED/parts" -name 'part-*.partial' | wc -l)
if [ "$found" -ne "$SHARDS" ]; then
  echo "merge: $found of $SHARDS partials in $SHARED/parts: has the analyze Job completed?" >&2
  exit 2
fi
# Written beside, then renamed: a reader never sees half a report.
podtrail merge "$SHARED/parts" -o json > "$SHARED/report.json.tmp"
mv "$SHARED/report.json.tmp" "$SHARED/report.json"
podtrail merge "$SHARED/parts" -o markdown > "$SHARED/report.md.tmp"
mv "$SHARED/report.md.tmp" "$SHARED/report.md"
# The whole archive's partial too, to merge with later archives' without re-reading these.
podtrail merge "$SHARED/parts" --partial "$SHARED/archive.partial"
