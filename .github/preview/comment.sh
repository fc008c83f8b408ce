#!/usr/bin/env bash
# Writes BODY as this workflow's one comment on pull request PR of REPO: the earlier comment
# (found by its first line, `<!-- studyguide-preview -->`) is updated, else one is added.
set -euo pipefail
body=$1
marker='<!-- studyguide-preview -->'
id=$(gh api "repos/${REPO:?}/issues/${PR:?}/comments" --paginate \
  --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1)
if [ -n "$id" ]; then
  gh api --method PATCH "repos/$REPO/issues/comments/$id" -f body="$body" >/dev/null
else
  gh api --method POST "repos/$REPO/issues/$PR/comments" -f body="$body" >/dev/null
fi
