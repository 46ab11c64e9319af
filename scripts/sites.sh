# Shared by run.sh and scripts/scaled.sh (sourced, not run): the SMTP sink, the build, the database set-up.

# Debian's aiosmtpd, run by the system python: the pyenv python3 on PATH cannot import Debian's packages.
ensure_smtp_sink() {
  if ! /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null; then
    echo "Installing the local SMTP sink (python3-aiosmtpd)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null
  fi
}

port_open() { (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_port PORT [TRIES]: waits a quarter second per try until something listens on PORT.
wait_port() {
  for _ in $(seq 1 "${2:-20}"); do port_open "$1" && return 0; sleep 0.25; done
  port_open "$1"
}

# The command that starts the sink on PORT in the background, appending every message to LOG (-u: unbuffered, so
# each message shows up as it arrives).
smtp_sink_command() { echo "/usr/bin/python3 -u -m aiosmtpd -n -l 127.0.0.1:$1 >>$2 2>&1"; }

# Builds the three programs (Release) into their bin folders; LOG gets the compiler's output.
build_sites() {
  echo "Building…"
  for project in Ops Portal Admin; do
    dotnet build "src/$project" -c Release -nologo >"$1" 2>&1 || { cat "$1"; exit 1; }
  done
}
site_dll() { echo "src/$1/bin/Release/net10.0/OwnerPortal.$1.dll"; }

# Migrates the database in ConnectionStrings__Default and loads the demo once (later runs find it there).
prepare_database() {
  dotnet "$(site_dll Ops)" migrate
  dotnet "$(site_dll Ops)" seed
}

# wait_healthy URL...: each answers 2xx within HEALTHY_WITHIN seconds (30), or the script stops.
wait_healthy() {
  for url in "$@"; do
    for _ in $(seq 1 $((${HEALTHY_WITHIN:-30} * 2))); do curl -fsk "$url" >/dev/null 2>&1 && break; sleep 0.5; done
    curl -fsk "$url" >/dev/null || { echo "Not healthy: $url (see the logs in ${LOG_DIR:-.run})" >&2; exit 1; }
  done
}

demo_sign_ins() {
  cat <<MSG
Demo data: 3 estates, ~1,500 units, ~2,000 owners and residents, 4,000 cases over 18 months.
Demo sign-ins (password Demo2026 for all):
  Owners (Portal):        owner1.hy@demo.ownerportal.cn, owner1.bhw@…, owner1.czy@…
  Estate staff (Admin):   manager.hy@…  dispatcher.hy@…  engineering.hy@…  (also .bhw, .czy)
  Company staff (Admin):  leader@…  quality@…  admin@… (system administrator)
  (… = @demo.ownerportal.cn; the Admin signs staff in through the Portal.)
MSG
}
