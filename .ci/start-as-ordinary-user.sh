#!/usr/bin/env bash
# CI runs as root, where the embedded PostgreSQL runs as the OS user "postgres". This proves the path every other
# user takes (a developer's `npm run dev`, the Docker image's `node` user): a fresh clone of this checkout, owned
# by an unprivileged user, whose `npm run db:prepare` starts its own embedded cluster, migrates and seeds it.
# Usage: .ci/start-as-ordinary-user.sh   (as root; exits 0 when the preparation succeeded)
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD
user=parley-ci

if [ "$(id -u)" -ne 0 ]; then
  echo "Already an ordinary user: run \`npm run db:prepare\` directly." >&2
  exit 2
fi
id -u "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$user"

# Not /tmp: it may be a small tmpfs or mounted noexec, and the PostgreSQL binaries run from the copy.
workdir=$(mktemp -d /var/tmp/parley-ordinary-user-XXXXXX)
trap 'rm -rf "$workdir"' EXIT
# --no-hardlinks: the clone's objects are then its own, and handing them to the user changes nothing here.
git clone --quiet --no-hardlinks "$checkout" "$workdir/parley"
chown -R "$user:" "$workdir"
chmod 755 "$workdir"
# The checkout's dependencies, copied rather than installed again (seconds instead of a minute, no network); they
# stay root-owned and read-only for the user, as in the Docker image. The generated Prisma client is not in git.
cp -a node_modules "$workdir/parley/node_modules"
cp -a lib/db/generated "$workdir/parley/lib/db/generated"

node_dir=$(dirname "$(command -v node)")
if ! runuser -u "$user" -- test -x "$node_dir/node"; then
  echo "The user $user cannot run $node_dir/node (is Node installed under /root?): install Node system-wide." >&2
  exit 1
fi
# runuser keeps nothing of root's environment but what is passed here: no DATABASE_URL, no secrets.
runuser -u "$user" -- env -i HOME="/home/$user" PATH="$node_dir:/usr/local/bin:/usr/bin:/bin" \
  NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 NPM_CONFIG_UPDATE_NOTIFIER=false \
  bash -c "cd '$workdir/parley' && npm run --silent db:prepare"
