#!/bin/sh
# Usage: skip-summary.sh REPO_DIR
# Prints one line per reason a test was skipped, with its count, from the Surefire reports of every
# module (REPO_DIR/*/target/surefire-reports/TEST-*.xml), so skips are seen, never silent:
#   skipped  12  blkio weight: this kernel's I/O scheduler has no weights (no blkio.weight ...)
# A test disabled by an assumption carries the assumption's message; one without says so.
dir=${1:-.}
reports=$(ls "$dir"/*/target/surefire-reports/TEST-*.xml 2>/dev/null)
[ -n "$reports" ] || { echo "skip summary: no Surefire reports under $dir/*/target/surefire-reports"; exit 0; }
# <skipped message="..."/> or <skipped/>; attribute text is XML-escaped.
lines=$(cat $reports | tr '\n' ' ' | grep -o '<skipped[^>]*>' |
  sed -e 's/^<skipped message="\([^"]*\)".*/\1/' -e 's/^<skipped.*/(no reason given)/' \
      -e 's/^Assumption failed: //' -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g')
if [ -z "$lines" ]; then echo "skip summary: no test skipped"; exit 0; fi
total=$(printf '%s\n' "$lines" | wc -l)
echo "skip summary: $total test(s) skipped, by reason:"
printf '%s\n' "$lines" | sort | uniq -c | sort -rn | sed 's/^ *\([0-9]*\) /  skipped \1  /'
