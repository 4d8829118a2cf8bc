/**
 * Maven Resolver behind a facade, for isolate4j's runtime. Everything but {@code dev.isolate4j.resolver}
 * is relocated and concealed, so that Maven's artifacts, whose packages split, stay out of the
 * application's module graph.
 *
 * <p>Compiled apart from the other sources, after the shade plugin made the jar (see pom.xml): the
 * classes it describes exist only there.
 */
module dev.isolate4j.resolver {
    requires org.slf4j;
    // httpclient: host name verification (javax.naming), Kerberos and SPNEGO authentication.
    requires java.naming;
    requires java.security.jgss;
    // gson's java.sql.Date adapters, which it uses only when java.sql is present.
    requires static java.sql;

    exports dev.isolate4j.resolver;
}
