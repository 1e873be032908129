# syntax=docker/dockerfile:1
# Asterisk 22 LTS for WebCall. Debian stable has no Asterisk package; sid has Asterisk 22 with
# PJSIP (WebSocket transport for WebRTC phones), ARI, app_queue and opus.
# Build context: the repository root (see compose.yaml).
FROM debian:sid-slim

# Only WebCall's own config is used: the packaged samples (demo dialplans, example endpoints)
# are deleted so they can never load next to it.
RUN apt-get update \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    asterisk asterisk-modules asterisk-core-sounds-en-gsm asterisk-moh-opsound-gsm \
  && rm -rf /var/lib/apt/lists/* \
  && find /etc/asterisk -mindepth 1 -delete \
  && asterisk -V

# Non-secret values of the asterisk-conf placeholders, as seen inside this container. The
# credentials (ARI_USERNAME, ARI_PASSWORD, AMI_USERNAME, AMI_SECRET) have no default: the
# entrypoint refuses to start without them.
# Keep one KEY=value per line: test/integration/docker-compose.test.ts reads this list.
ENV AST_ETC_DIR=/etc/asterisk \
  AST_RUN_DIR=/var/run/asterisk \
  AST_LOG_DIR=/var/log/asterisk \
  AST_SPOOL_DIR=/var/spool/asterisk \
  AST_DB_DIR=/var/lib/asterisk \
  HTTP_BIND=0.0.0.0 \
  ARI_PORT=8088 \
  AMI_BIND=0.0.0.0 \
  AMI_PORT=5038 \
  SIP_BIND=0.0.0.0 \
  SIP_PORT=5060 \
  RTP_START=10000 \
  RTP_END=10200

COPY asterisk-conf/*.conf /usr/share/webcall/asterisk-conf/
COPY docker/asterisk-entrypoint.sh /usr/local/bin/webcall-asterisk-entrypoint
RUN chmod 0755 /usr/local/bin/webcall-asterisk-entrypoint

# SIP (udp + tcp), HTTP (ARI for callflow, /ws for WebRTC phones), RTP. AMI (5038) is for the
# WebCall containers only and is deliberately not listed.
EXPOSE 5060/udp 5060/tcp 8088/tcp 10000-10200/udp

# The entrypoint runs as root to render the config and fix ownership; Asterisk itself then
# drops to the asterisk user (-U/-G), which is why there is no USER instruction.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD asterisk -rx "core show uptime" | grep -q "System uptime" || exit 1

ENTRYPOINT ["/usr/local/bin/webcall-asterisk-entrypoint"]
CMD ["asterisk", "-f", "-U", "asterisk", "-G", "asterisk"]
