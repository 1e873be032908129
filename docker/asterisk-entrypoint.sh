#!/usr/bin/env bash
# Entrypoint of the WebCall Asterisk image.
#
# Renders every asterisk-conf/*.conf template into the Asterisk config directory, replacing each
# {{NAME}} token with the environment variable NAME, then runs the given command (by default
# `asterisk -f -U asterisk -G asterisk`). A token without a variable stops the container with the
# list of missing variables, and nothing is written: Asterisk never starts on half-rendered config.
#
# Paths can be overridden (the integration test renders into a temporary directory):
#   ASTERISK_TEMPLATE_DIR  templates                      (default /usr/share/webcall/asterisk-conf)
#   ASTERISK_CONFIG_DIR    rendered config, = astetcdir   (default /etc/asterisk)
#   WEBCALL_APP_UID        owner of <config>/generated    (default 1000, the `node` user of the app
#                          image, which writes the tenants' generated config there)
set -euo pipefail

TEMPLATE_DIR="${ASTERISK_TEMPLATE_DIR:-/usr/share/webcall/asterisk-conf}"
CONFIG_DIR="${ASTERISK_CONFIG_DIR:-/etc/asterisk}"
APP_UID="${WEBCALL_APP_UID:-1000}"

die() {
  echo "asterisk-entrypoint: $*" >&2
  exit 1
}

[ -d "$TEMPLATE_DIR" ] || die "template directory $TEMPLATE_DIR does not exist"
shopt -s nullglob
templates=("$TEMPLATE_DIR"/*.conf)
[ "${#templates[@]}" -gt 0 ] || die "no *.conf template in $TEMPLATE_DIR"

# Render everything into a staging directory first, so a failure leaves the old config alone.
mkdir -p "$CONFIG_DIR"
staging="$(mktemp -d "$CONFIG_DIR/.render.XXXXXX")"
trap 'rm -rf "$staging"' EXIT

declare -A missing=()
declare -A multiline=()

# Writes the template $1 with every {{NAME}} replaced by $NAME to stdout, in a single pass, so a
# value is always written literally (even one that contains "{{" or sed/glob characters).
render() {
  local file="${1##*/}" content out="" name value
  # The trailing "x" keeps the file's final newlines, which $(...) would strip.
  content="$(cat "$1" && printf x)"
  content="${content%x}"
  while [[ "$content" == *'{{'* ]]; do
    out+="${content%%'{{'*}"
    content="${content#*'{{'}"
    if [[ "$content" =~ ^([A-Za-z_][A-Za-z0-9_]*)\}\} ]]; then
      name="${BASH_REMATCH[1]}"
      content="${content:${#name}+2}"
      # printenv, not ${!name}: only exported variables count, never this script's own.
      if ! value="$(printenv "$name")"; then
        if [[ ", ${missing[$name]:-}, " != *", $file, "* ]]; then
          missing[$name]+="${missing[$name]:+, }$file"
        fi
      elif [[ "$value" == *$'\n'* || "$value" == *$'\r'* ]]; then
        # A line break in a value would inject config lines.
        multiline[$name]=1
      else
        out+="$value"
      fi
    else
      out+='{{'
    fi
  done
  printf '%s' "$out$content"
}

for template in "${templates[@]}"; do
  # Not in a subshell: render() records what is missing in the arrays above.
  render "$template" >"$staging/${template##*/}"
done

if [ "${#missing[@]}" -gt 0 ] || [ "${#multiline[@]}" -gt 0 ]; then
  {
    if [ "${#missing[@]}" -gt 0 ]; then
      echo "asterisk-entrypoint: unresolved placeholders in $TEMPLATE_DIR; set these environment variables:"
      for name in $(printf '%s\n' "${!missing[@]}" | sort); do
        echo "  $name (used in ${missing[$name]})"
      done
    fi
    for name in $(printf '%s\n' "${!multiline[@]}" | sort); do
      echo "asterisk-entrypoint: $name contains a line break, which is not allowed in Asterisk config"
    done
    echo "asterisk-entrypoint: nothing was rendered; Asterisk not started"
  } >&2
  exit 1
fi

as_root=false
if [ "$(id -u)" = 0 ] && id asterisk >/dev/null 2>&1; then as_root=true; fi

for rendered in "$staging"/*.conf; do
  # Credentials live in these files: readable by Asterisk only.
  chmod 0640 "$rendered"
  if $as_root; then chown asterisk:asterisk "$rendered"; fi
  mv -f "$rendered" "$CONFIG_DIR/"
done

# Files generated from the tenants' data are #tryinclude'd from generated/ (a volume shared with
# the app, whose user writes them; Asterisk only reads them).
mkdir -p "$CONFIG_DIR/generated"
if $as_root; then
  chown asterisk:asterisk "$CONFIG_DIR"
  if [ "$(stat -c %u "$CONFIG_DIR/generated")" = 0 ]; then
    chown "$APP_UID:$APP_UID" "$CONFIG_DIR/generated"
  fi
  # Asterisk drops root (-U/-G) before it opens these: make sure they exist and are its own.
  # /run is not populated by systemd-tmpfiles in a container. Not recursive: a large spool of
  # recordings would make every start slow.
  for dir in "${AST_RUN_DIR:-/var/run/asterisk}" "${AST_LOG_DIR:-/var/log/asterisk}" \
    "${AST_SPOOL_DIR:-/var/spool/asterisk}" "${AST_DB_DIR:-/var/lib/asterisk}"; do
    mkdir -p "$dir"
    chown asterisk:asterisk "$dir"
  done
fi

echo "asterisk-entrypoint: rendered ${#templates[@]} config files into $CONFIG_DIR" >&2

# exec would skip the EXIT trap.
rm -rf "$staging"
trap - EXIT

if [ "$#" -eq 0 ]; then
  set -- asterisk -f -U asterisk -G asterisk
fi
exec "$@"
