package issgraph.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.Config;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;

/**
 * Starts Neo4j Community (the embedded DBMS, with its Bolt server) for
 * issgraph's development and CI, and keeps it running until the JVM is told
 * to stop (SIGTERM or SIGINT), when it shuts the DBMS down cleanly.
 *
 * <p>Everything comes from system properties, which scripts/neo4j sets:
 *
 * <ul>
 *   <li>{@code issgraph.home}: the Neo4j home (data, logs); created if missing.
 *   <li>{@code issgraph.port}: the Bolt port on 127.0.0.1; 0 picks a free one.
 *   <li>{@code issgraph.ready}: a file written, atomically, once Cypher answers
 *       both in the DBMS and over Bolt; it holds the lines the script prints.
 *   <li>{@code issgraph.passwordFile}: when set, auth is on and user neo4j gets
 *       the password this file holds (a file, so that it is not in argv).
 * </ul>
 *
 * <p>The configuration is the point of this class: Bolt on loopback only and
 * advertised at its real address (so neo4j:// routing tables point back at
 * it), HTTP and HTTPS off, and every setting that reports to anybody off,
 * because the machines it runs on have no network and outbound attempts are
 * watched. Strict config validation is on (the default), so a setting this
 * Neo4j version does not know stops the start instead of being ignored.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(required("issgraph.home"));
        int port = Integer.parseInt(required("issgraph.port"));
        if (port == 0) {
            port = freePort();
        }
        Path ready = Path.of(required("issgraph.ready"));
        String passwordFile = System.getProperty("issgraph.passwordFile", "");
        String password = passwordFile.isEmpty()
                ? "" : Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8);
        String address = "127.0.0.1:" + port;

        Map<String, String> config = new LinkedHashMap<>();
        config.put("server.default_listen_address", "127.0.0.1");
        config.put("server.default_advertised_address", "127.0.0.1");
        config.put("server.bolt.enabled", "true");
        config.put("server.bolt.listen_address", address);
        config.put("server.bolt.advertised_address", address);
        config.put("server.bolt.tls_level", "DISABLED");
        config.put("server.http.enabled", "false");
        config.put("server.https.enabled", "false");
        // Nothing leaves the machine.
        config.put("dbms.usage_report.enabled", "false");
        config.put("internal.dbms.usage_report.udc_network_enabled", "false");
        config.put("client.allow_telemetry", "false");
        config.put("server.bolt.telemetry.enabled", "false");
        config.put("dbms.security.allow_csv_import_from_file_urls", "false");
        config.put("dbms.security.auth_enabled", password.isEmpty() ? "false" : "true");
        // Stop in a second, not in ten: Bolt's event loops wait for a quiet
        // period of 5 s by default before they close.
        config.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        config.put("internal.dbms.bolt.netty_server_shutdown_timeout", "5s");
        // Small: a test database of a few thousand nodes.
        config.put("server.memory.pagecache.size", System.getProperty("issgraph.pagecache", "256m"));
        config.put("db.tx_log.rotation.retention_policy", "2 files");
        config.put("db.tx_log.preallocate", "false");

        Files.createDirectories(home);
        // Parse and validate the settings by name (strictly: an unknown name
        // fails), then hand the typed values to the builder.
        Config parsed = Config.newBuilder().setRaw(config).build();
        Map<Setting<?>, Object> typed = new LinkedHashMap<>();
        for (String name : config.keySet()) {
            Setting<Object> setting = parsed.getSetting(name);
            typed.put(setting, parsed.get(setting));
        }
        DatabaseManagementService dbms =
                new DatabaseManagementServiceBuilder(home).setConfig(typed).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
            } finally {
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        if (!password.isEmpty()) {
            // The DBMS itself is not behind auth: set user neo4j's password
            // through the system database, so no first-login change is due.
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        }
        GraphDatabaseService db = dbms.database("neo4j");
        Object one = db.executeTransactionally("RETURN 1 AS one", Map.of(),
                r -> r.next().get("one"));
        if (!Long.valueOf(1).equals(one)) {
            throw new IllegalStateException("RETURN 1 answered " + one);
        }
        boltHandshake(port, Duration.ofSeconds(10));

        StringBuilder env = new StringBuilder();
        env.append("NEO4J_URI=bolt://").append(address).append('\n');
        if (!password.isEmpty()) {
            env.append("NEO4J_USER=neo4j\n");
            env.append("NEO4J_PASSWORD=").append(password).append('\n');
        }
        Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, env.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("issgraph-neo4j: ready on bolt://" + address);
        System.out.flush();
        stopped.await();
    }

    /**
     * Checks that the Bolt server answers its handshake: the magic preamble
     * and four version proposals (5.x, then 4.4), to which a Bolt server
     * replies with the version it chose, four bytes, non-zero.
     */
    private static void boltHandshake(int port, Duration timeout) throws IOException {
        byte[] hello = {
            0x60, 0x60, (byte) 0xB0, 0x17,
            0, 4, 4, 5, // 5.4 down to 5.0
            0, 0, 4, 4, // 4.4
            0, 0, 0, 0,
            0, 0, 0, 0,
        };
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            OutputStream out = s.getOutputStream();
            out.write(hello);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] version = in.readNBytes(4);
            if (version.length != 4 || (version[2] == 0 && version[3] == 0)) {
                throw new IOException("Bolt handshake on port " + port + " got no version");
            }
        }
    }

    /** A port the kernel says is free on loopback now. */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private static String required(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("system property " + name + " is required");
        }
        return v;
    }
}
