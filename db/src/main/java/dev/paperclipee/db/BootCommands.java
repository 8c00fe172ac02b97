package dev.paperclipee.db;

/**
 * The asadmin commands that configure Payara Micro for Paperclip. Values that may be secret are
 * never written into these files: the pool reads them from system properties set by the
 * launcher ({@code ${paperclip.db.password}} is resolved by the server when the pool connects).
 */
public final class BootCommands {

    public static final String POOL = "PaperclipPool";

    /** What the listener compresses: the API's JSON, the OpenAPI document (YAML as text/plain), the board's assets. */
    static final String COMPRESSED_TYPES = "application/json,text/plain,text/html,text/xml,text/css,text/javascript,"
            + "application/javascript";

    private BootCommands() {
    }

    /**
     * The pool's password property: GlassFish-based servers refuse an empty one ("No password
     * credential found") and spell the empty password {@code ()}.
     */
    public static String poolPassword(String password) {
        return password == null || password.isEmpty() ? "()" : password;
    }

    /**
     * Before boot, so that the listener starts once with its final settings: it listens only where
     * the operator allows (loopback by default), and compresses answers of 2 KiB and more for
     * clients that send {@code Accept-Encoding: gzip} (api-contract.md, "General": large JSON lists).
     */
    public static String preBoot(String bindAddress) {
        String listener = "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.";
        String http = "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.";
        return String.join("\n",
                listener + "address=" + bindAddress,
                http + "compression=on",
                http + "compressable-mime-type=" + COMPRESSED_TYPES,
                http + "compression-min-size-bytes=2048",
                "");
    }

    /**
     * After boot, before the application deploys: a PostgreSQL pool becomes the platform default
     * data source, which the application, the EJB timer service and the batch runtime all use.
     */
    public static String postBoot() {
        String pool = "resources.jdbc-connection-pool." + POOL;
        return String.join("\n",
                "create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource"
                        + " --restype javax.sql.DataSource --steadypoolsize 2 --maxpoolsize 40 --statementcachesize 200"
                        + " --isconnectvalidatereq=true --validationmethod auto-commit"
                        + " --failconnection=true --ping=false " + POOL,
                "set " + pool + ".property.url=${" + Launcher.PROP_DB_URL + "}",
                "set " + pool + ".property.user=${" + Launcher.PROP_DB_USER + "}",
                "set " + pool + ".property.password=${" + Launcher.PROP_DB_PASSWORD + "}",
                "set " + pool + ".property.stringtype=unspecified",
                "set " + pool + ".property.ApplicationName=paperclip-ee",
                "set resources.jdbc-resource.jdbc/__default.pool-name=" + POOL,
                "");
    }
}
