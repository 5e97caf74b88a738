#!/bin/sh
# Usage: skip-summary.sh REPO_DIR
# Prints one line per reason a test was skipped, with its count, from the Surefire reports of every
# module, so skips are seen, never silent. The reports of one kind are summed over the modules:
#   REPO_DIR/*/target/surefire-reports/TEST-*.xml              the unit tests
#   REPO_DIR/*/target/surefire-reports-planner-MODE/TEST-*.xml  the integration and engine suites, run
#                                                               once per planner mode by make test
# and each kind gets its own summary:
#   skip summary (planner off): 3 test(s) skipped, by reason:
#     skipped 3  blkio weight: the block layer has no I/O scheduler with weights (...)
# The reason is the assumption's message: Surefire writes it as <skipped message="..."/>, or (with
# trimStackTrace off, as here) as the first line of the stack trace inside <skipped ...><![CDATA[.
# Perl because the reports are multi-line XML; perl-base is part of every Debian system.
dir=${1:-.}
kinds=$(for d in "$dir"/*/target/surefire-reports*; do [ -d "$d" ] && basename "$d"; done | sort -u)
[ -n "$kinds" ] || { echo "skip summary: no Surefire reports under $dir/*/target/surefire-reports*"; exit 0; }
for kind in $kinds; do
  case $kind in
    surefire-reports) label="unit tests, no planner mode" ;;
    surefire-reports-planner-*) label="planner ${kind#surefire-reports-planner-}" ;;
    *) label=$kind ;;
  esac
  set -- "$dir"/*/target/"$kind"/TEST-*.xml
  [ -e "$1" ] || { echo "skip summary ($label): no reports"; continue; }
  LABEL=$label perl -0777 -ne '
    while (/<skipped\b([^>]*?)(\/>|>(.*?)<\/skipped>)/sg) {
      my ($attrs, $body) = ($1, $3 // "");
      my $why;
      if ($attrs =~ /\bmessage="([^"]*)"/) { $why = $1 }
      elsif ($body =~ /<!\[CDATA\[\s*([^\n]*)/) { $why = $1 }
      else { $why = "(no reason given)" }
      for ($why) {
        s/&quot;/"/g; s/&apos;/\x27/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/&/g;
        s/^org\.opentest4j\.TestAbortedException: //; s/^Assumption failed: //; s/\s+$//;
        $_ = "(no reason given)" if $_ eq "" || $_ eq "Assumption failed";
      }
      $count{$why}++; $total++;
    }
    END {
      my $label = $ENV{LABEL};
      if (!$total) { print "skip summary ($label): no test skipped\n"; exit 0 }
      print "skip summary ($label): $total test(s) skipped, by reason:\n";
      printf "  skipped %d  %s\n", $count{$_}, $_ for sort { $count{$b} <=> $count{$a} || $a cmp $b } keys %count;
    }' "$@"
done
