#!/bin/sh
# Usage: skip-summary.sh REPO_DIR
# Prints one line per reason a test was skipped, with its count, from the Surefire reports of every
# module (REPO_DIR/*/target/surefire-reports/TEST-*.xml), so skips are seen, never silent:
#   skipped 3  blkio weight: the block layer has no I/O scheduler with weights (...)
# The reason is the assumption's message: Surefire writes it as <skipped message="..."/>, or (with
# trimStackTrace off, as here) as the first line of the stack trace inside <skipped ...><![CDATA[.
# Perl because the reports are multi-line XML; perl-base is part of every Debian system.
dir=${1:-.}
set -- "$dir"/*/target/surefire-reports/TEST-*.xml
[ -e "$1" ] || { echo "skip summary: no Surefire reports under $dir/*/target/surefire-reports"; exit 0; }
perl -0777 -ne '
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
    if (!$total) { print "skip summary: no test skipped\n"; exit 0 }
    print "skip summary: $total test(s) skipped, by reason:\n";
    printf "  skipped %d  %s\n", $count{$_}, $_ for sort { $count{$b} <=> $count{$a} || $a cmp $b } keys %count;
  }' "$@"
