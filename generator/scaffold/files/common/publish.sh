#!/bin/sh
# Builds the report and publishes it into a folder served by a web server:
# for a server on an intranet, or a CI runner on that server.
#
#   sh publish.sh /var/www/report             build, then publish
#   sh publish.sh --no-build /var/www/report  publish the public/ built before
#   REPORTSITE_WEB_DIR=/var/www/report sh publish.sh
#
# Settings, from the environment:
#   REPORTSITE_WEB_DIR   the web folder, when it is not given as an argument
#   REPORTSITE_BASE_URL  the site's address, e.g. http://intranet.example/report/
#                        (optional: for the sitemap and share cards)
#   REPORTSITE           the reportsite command (default: reportsite on the PATH)
#   REPORTSITE_KEEP      how many published sites to keep, the live one
#                        included (default: 3)
#
# The web folder is never missing nor half-written, even if this script is
# stopped at any moment: each new site is copied into a folder of its own
# beside it, in .NAME.sites/, and the web folder is a symbolic link that is
# switched to the new copy in one step. The web server must follow symbolic
# links (nginx does by default; Apache needs "Options FollowSymLinks").
# To go back to an earlier site, point the link at another folder of
# .NAME.sites/: ln -sfn .report.sites/<folder> /var/www/report
#
# A web folder that already exists as an ordinary folder is left to the
# web server while its new content is swapped in with "mv --exchange"
# (GNU coreutils 9.5 or later); without it, publish.sh stops and says how
# to make the switch once.
set -eu

usage() {
	echo "usage: sh publish.sh [--no-build] WEB_FOLDER   (or set REPORTSITE_WEB_DIR)"
}

die() {
	echo "publish.sh: $*" >&2
	exit 1
}

build=yes
case "${1-}" in
--no-build)
	build=no
	shift
	;;
-h | --help)
	usage
	exit 0
	;;
esac
if [ $# -gt 1 ]; then
	usage >&2
	exit 2
fi
web=${1:-${REPORTSITE_WEB_DIR:-}}
if [ -z "$web" ]; then
	usage >&2
	exit 2
fi
keep=${REPORTSITE_KEEP:-3}
case "$keep" in
'' | *[!0-9]* | 0) die "REPORTSITE_KEEP must be a whole number from 1 up, not \"$keep\"" ;;
esac

# The web folder as an absolute path without a slash at the end, since the
# script moves into the repository's folder below.
case "$web" in
/*) ;;
*) web="$(pwd)/$web" ;;
esac
while [ "$web" != "/" ] && [ "${web%/}" != "$web" ]; do
	web=${web%/}
done
[ "$web" != "/" ] || die "the web folder cannot be /"

# The repository: content/ and public/ are beside this script.
cd "$(dirname "$0")"

if [ "$build" = yes ]; then
	reportsite=${REPORTSITE:-reportsite}
	if [ -n "${REPORTSITE_BASE_URL:-}" ]; then
		"$reportsite" build --strict --base-url "$REPORTSITE_BASE_URL"
	else
		"$reportsite" build --strict
	fi
fi
[ -f public/index.html ] || die "public/index.html is missing; build the site first with: reportsite build --strict"

parent=$(dirname "$web")
name=$(basename "$web")
[ -d "$parent" ] || die "$parent, the folder that should hold $name, does not exist"
sites="$parent/.$name.sites"
stamp=$(date -u +%Y%m%dT%H%M%SZ)-$$

# Copy the new site beside the web folder, on the same disk, so that the
# switch below is a rename. A copy cut short stays a hidden .part folder,
# removed by the next run.
mkdir -p "$sites"
for part in "$sites"/.*.part; do
	if [ -e "$part" ]; then rm -rf "$part"; fi
done
cp -R public "$sites/.$stamp.part"
# Readable by the web server whoever it runs as.
chmod -R a+rX "$sites/.$stamp.part"
mv "$sites/.$stamp.part" "$sites/$stamp"

# switch_link points the symbolic link $web at the new site in one rename.
switch_link() {
	link="$parent/.$name.link-$$"
	rm -f "$link"
	ln -s ".$name.sites/$stamp" "$link"
	# -T (GNU, BusyBox) or -h (BSD, macOS): replace the link itself, not
	# move into the folder it points at.
	if mv -f -T "$link" "$web" 2>/dev/null; then
		:
	elif [ -L "$link" ] && mv -f -h "$link" "$web" 2>/dev/null; then
		:
	else
		rm -f "$link"
		die "could not switch $web to the new site"
	fi
}

if [ -L "$web" ] || [ ! -e "$web" ]; then
	switch_link
elif [ -d "$web" ] && [ -z "$(ls -A "$web")" ]; then
	# An empty folder made for the site: nothing is served from it yet.
	rmdir "$web"
	switch_link
elif [ -d "$web" ] && mv --exchange "$sites/$stamp" "$web" 2>/dev/null; then
	# $web now holds the new site and $sites/$stamp the one it replaced.
	mv "$sites/$stamp" "$sites/$stamp-replaced"
else
	rm -rf "${sites:?}/$stamp"
	die "$web is an ordinary folder, and this system's mv cannot swap folders in one step.
Switch it once to the symbolic link publish.sh keeps up to date, at a quiet moment:
  mv $web $web.old && sh publish.sh --no-build $web
then delete $web.old when the new site shows."
fi

# Keep the newest sites, and always the live one.
live=$(readlink "$web" 2>/dev/null || true)
live=${live##*/}
ls -1 "$sites" | sort -r | tail -n "+$((keep + 1))" | while read -r old; do
	if [ -n "$old" ] && [ "$old" != "$live" ]; then
		rm -rf "${sites:?}/$old"
	fi
done

echo "published $web"
