// The project's local Neo4j: the Community DBMS as a library with its Bolt connector on loopback,
// run with the Java source launcher by scripts/neo4j.sh (`java -cp "$CP" Launcher.java HOME PORT`).
//
// HOME holds the data, the logs and the file `uri` this writes once Bolt listens; PORT 0 lets the
// system choose a free port, read back from the connector so no other process can take it between
// choosing and binding. SIGTERM (scripts/neo4j.sh stop) shuts the DBMS down cleanly through a hook.
// Auth is off: the server listens on 127.0.0.1 only and exists for tests and local trials.

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

public class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher HOME PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        long pageCacheMb = Long.getLong("neo4j.pagecache.mb", 512);
        long txMemoryMb = Long.getLong("neo4j.tx.memory.mb", 512);
        Files.createDirectories(home);
        Path uriFile = home.resolve("uri");
        Files.deleteIfExists(uriFile);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // the product never reads server files; the console must not be able to either
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                // sized for a 2-core machine that runs the test suite beside it (heap: -Xmx)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, ByteUnit.mebiBytes(txMemoryMb))
                // a test server: no usage reports over the network, no preallocated log files
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));

        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(TimeUnit.MINUTES.toMillis(2))) {
            System.err.println("the default database did not become available");
            System.exit(1);
        }
        int boltPort = db.getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT)
                .getPort();
        String uri = "bolt://127.0.0.1:" + boltPort;
        // written whole, then renamed: a reader never sees half an address
        Path tmp = home.resolve("uri.tmp");
        Files.writeString(tmp, uri + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, uriFile, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("neo4j " + org.neo4j.kernel.internal.Version.getNeo4jVersion() + " at " + uri);
        stopped.await();
    }
}
