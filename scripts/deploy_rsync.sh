#!/usr/bin/env bash
# Publish the built site/ to the clinic's own nginx over ssh (make deploy-rsync).
# The pipeline passes the clinic's secrets as environment variables:
#   DEPLOY_HOST         the server, e.g. web.rugcentrum.example
#   DEPLOY_USER         the ssh user that may write DEPLOY_PATH
#   DEPLOY_PATH         the folder nginx serves, e.g. /var/www/wandelgids
#   DEPLOY_SSH_KEY      that user's private key (a key made for this, nothing else)
#   DEPLOY_KNOWN_HOSTS  the server's line for known_hosts (ssh-keyscan DEPLOY_HOST), so
#                       the pipeline never trusts a server it has not been told about
# Files arrive under temporary names and are switched into place together at the end
# (--delay-updates), so visitors never see half a site; --delete removes pages that
# are gone. build/nginx/wandelgids.conf is the matching server block (install it once).
set -euo pipefail

missing=()
for name in DEPLOY_HOST DEPLOY_USER DEPLOY_PATH DEPLOY_SSH_KEY DEPLOY_KNOWN_HOSTS; do
  [ -n "${!name:-}" ] || missing+=("$name")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Publiceren naar de eigen server kan niet: deze geheimen ontbreken: ${missing[*]}." >&2
  echo "Oplossing: vul ze in bij de instellingen van de pipeline (HANDLEIDING.md, 'Instellingen voor de beheerder')." >&2
  exit 2
fi
if [ ! -f site/index.html ] || [ ! -f site/_headers ]; then
  echo "Publiceren kan niet: site/ is geen afgeronde bouw. Oplossing: eerst make build." >&2
  exit 2
fi

keys="$(mktemp -d)"
trap 'rm -rf "$keys"' EXIT
printf '%s\n' "$DEPLOY_SSH_KEY" > "$keys/id"
printf '%s\n' "$DEPLOY_KNOWN_HOSTS" > "$keys/known_hosts"
chmod 600 "$keys/id" "$keys/known_hosts"
ssh="ssh -i $keys/id -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$keys/known_hosts"

rsync --recursive --links --times --checksum --delete --delay-updates --exclude=_headers \
  -e "$ssh" site/ "$DEPLOY_USER@$DEPLOY_HOST:$DEPLOY_PATH/"
echo "Gepubliceerd op $DEPLOY_HOST:$DEPLOY_PATH."
