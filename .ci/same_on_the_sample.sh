#!/usr/bin/env bash
# same_on_the_sample.sh VENV VENV: mdjournal of both environments gives the sample
# post the same 53 findings (in every output format) and the same fixed text.
set -euo pipefail
cd "$(dirname "$0")/.."
sample=fixtures/research-journal.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs a command that must exit 1 (findings were reported, or are left after fixing).
exits_1() {
    local code=0
    "$@" || code=$?
    if [ "$code" != 1 ]; then
        echo "exit $code, not 1: $*" >&2
        exit 1
    fi
}

for side in 1 2; do
    mdjournal=${!side}/bin/mdjournal
    for format in text json github sarif; do
        exits_1 "$mdjournal" lint --output-format "$format" "$sample" > "$work/$side.$format"
    done
    cp "$sample" "$work/post.md"  # one name for both, as the report names it
    exits_1 "$mdjournal" fmt --fix "$work/post.md" > "$work/$side.report"
    mv "$work/post.md" "$work/$side.fixed.md"
done
for format in text json github sarif; do
    diff -u "$work/1.$format" "$work/2.$format"
done
diff -u "$work/1.report" "$work/2.report"
grep -qx "Found 53 problems (47 fixable with 'mdjournal fmt --fix')." "$work/2.text"
cmp "$work/1.fixed.md" fixtures/research-journal.fixed.md
cmp "$work/2.fixed.md" fixtures/research-journal.fixed.md
echo "both: 53 findings, identical in text, json, github and sarif; the same fixed post"
