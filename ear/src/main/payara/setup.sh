#!/usr/bin/env bash
# Prepares a Payara Server 6 domain for Paperclip EE. Idempotent: run it again after an upgrade.
#
#   DATABASE_URL=jdbc:postgresql://db.example:5432/paperclip DATABASE_USER=paperclip \
#   DATABASE_PASSWORD=... ASADMIN=/opt/payara6/bin/asadmin ./setup.sh
#
# The JDBC URL and the credentials are stored as ${ENV=...} references, so the domain
# configuration never holds the password: the server process needs the same environment.
# See docs/deploy-payara-server.md.
set -euo pipefail

ASADMIN=${ASADMIN:-asadmin}
POOL=PaperclipPool
BIND=${PAPERCLIP_BIND:-127.0.0.1}
: "${DATABASE_URL:?set DATABASE_URL to a jdbc:postgresql:// URL}"
case "$DATABASE_URL" in
  jdbc:postgresql:*) ;;
  *) echo "setup: DATABASE_URL must be a jdbc:postgresql:// URL for the application server" >&2; exit 2 ;;
esac

if ! "$ASADMIN" list-jdbc-connection-pools | grep -qx "$POOL"; then
  "$ASADMIN" create-jdbc-connection-pool \
    --datasourceclassname org.postgresql.ds.PGSimpleDataSource --restype javax.sql.DataSource \
    --steadypoolsize 2 --maxpoolsize 40 --statementcachesize 200 --isconnectvalidatereq=true --validationmethod auto-commit \
    --failconnection=true --ping=false "$POOL"
fi
prefix="resources.jdbc-connection-pool.$POOL.property"
"$ASADMIN" set "$prefix.url=\${ENV=DATABASE_URL}"
"$ASADMIN" set "$prefix.user=\${ENV=DATABASE_USER}"
"$ASADMIN" set "$prefix.password=\${ENV=DATABASE_PASSWORD}"
"$ASADMIN" set "$prefix.stringtype=unspecified"
"$ASADMIN" set "$prefix.ApplicationName=paperclip-ee"
# the platform default data source is what the application, EJB timers and batch jobs use
"$ASADMIN" set "resources.jdbc-resource.jdbc/__default.pool-name=$POOL"
"$ASADMIN" set-batch-runtime-configuration --datasourcelookupname jdbc/__default
# local_trusted mode is only safe on loopback
"$ASADMIN" set "configs.config.server-config.network-config.network-listeners.network-listener.http-listener-1.address=$BIND"
# gzip for clients that ask (large JSON lists), as the runnable jar does
http="configs.config.server-config.network-config.protocols.protocol.http-listener-1.http"
"$ASADMIN" set "$http.compression=on"
"$ASADMIN" set "$http.compressable-mime-type=application/json,text/plain,text/html,text/xml,text/css,text/javascript,application/javascript"
"$ASADMIN" set "$http.compression-min-size-bytes=2048"
echo "setup: Payara Server is ready for paperclip-ee.ear (pool $POOL, listener on $BIND)"
