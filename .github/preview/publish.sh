#!/usr/bin/env bash
# Changes the gh-pages branch and pushes it, starting over from a fresh clone if someone else
# pushed first (several pull requests can deploy at once). Creates the branch if missing.
#
#   publish.sh add    FOLDER SITE MESSAGE   replace FOLDER (e.g. pr-preview/pr-7) with SITE's files
#   publish.sh remove FOLDER MESSAGE        delete FOLDER
#   publish.sh root   SITE MESSAGE          replace everything but pr-preview/ with SITE's files
#
# REMOTE is the repository to push to (default: this repository on GitHub, with GH_TOKEN).
set -euo pipefail

mode=$1
shift
remote="${REMOTE:-https://x-access-token:${GH_TOKEN:?}@github.com/${REPO:?}.git}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

apply() {
  case "$mode" in
    add)
      rm -rf "${work:?}/pages/$1"
      mkdir -p "$work/pages/$1"
      cp -R "$2/." "$work/pages/$1/"
      ;;
    remove)
      rm -rf "${work:?}/pages/$1"
      ;;
    root)
      find "$work/pages" -mindepth 1 -maxdepth 1 ! -name .git ! -name pr-preview -exec rm -rf {} +
      cp -R "$1/." "$work/pages/"
      ;;
    *)
      echo "unknown mode $mode" >&2
      exit 2
      ;;
  esac
  touch "$work/pages/.nojekyll" # serve files as they are (no Jekyll)
}

case "$mode" in
  add) message=$3 ;;
  remove) message=$2 ;;
  root) message=$2 ;;
  *) echo "usage: publish.sh add|remove|root …" >&2; exit 2 ;;
esac

for attempt in 1 2 3 4 5; do
  rm -rf "$work/pages"
  if git ls-remote --exit-code --heads "$remote" gh-pages >/dev/null 2>&1; then
    git clone -q --depth 1 --branch gh-pages "$remote" "$work/pages"
  else
    git init -q "$work/pages"
    git -C "$work/pages" checkout -q --orphan gh-pages
    git -C "$work/pages" remote add origin "$remote"
  fi
  git -C "$work/pages" config user.name "github-actions[bot]"
  git -C "$work/pages" config user.email "41898282+github-actions[bot]@users.noreply.github.com"
  apply "$@"
  git -C "$work/pages" add -A
  if git -C "$work/pages" diff --cached --quiet; then
    echo "gh-pages: nothing to change"
    exit 0
  fi
  git -C "$work/pages" commit -q -m "$message"
  if git -C "$work/pages" push -q origin HEAD:gh-pages; then
    echo "gh-pages: $message"
    exit 0
  fi
  echo "gh-pages moved on (attempt $attempt); starting over" >&2
  sleep $((attempt * 3))
done
echo "gh-pages: could not push after 5 attempts" >&2
exit 1
