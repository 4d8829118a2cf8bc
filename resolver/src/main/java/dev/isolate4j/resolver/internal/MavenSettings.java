package dev.isolate4j.resolver.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.apache.maven.settings.Mirror;
import org.apache.maven.settings.Profile;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsBuilderFactory;
import org.apache.maven.settings.building.DefaultSettingsBuildingRequest;
import org.apache.maven.settings.building.SettingsBuildingException;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.eclipse.aether.RepositorySystemSession.SessionBuilder;
import org.eclipse.aether.repository.Authentication;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/**
 * The user's and the installation's {@code settings.xml}, merged, interpolated and decrypted, and
 * applied to a resolver session the way Maven 3.9 does: local repository, mirrors, proxies,
 * server credentials, offline, and the repositories of active profiles.
 */
final class MavenSettings {
    private final Settings settings;

    private MavenSettings(Settings settings) {
        this.settings = settings;
    }

    /**
     * What {@link #load()} reads, as text: the settings files' paths and digests, and {@code
     * -Dmaven.repo.local}. Equal texts give equal settings.
     */
    static String inputs() {
        StringBuilder inputs = new StringBuilder();
        for (Path file : new Path[] {userSettings(), globalSettings()}) {
            inputs.append(file).append(' ').append(digest(file)).append('\n');
        }
        return inputs.append(System.getProperty("maven.repo.local", "")).toString();
    }

    private static String digest(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return "none";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable " + e; // differs from any digest: the inputs never match a recorded resolution
        }
    }

    private static Path userSettings() {
        Path home = Path.of(System.getProperty("user.home"));
        return Path.of(System.getProperty(
                "org.apache.maven.user-settings",
                home.resolve(".m2/settings.xml").toString()));
    }

    /** Reads the settings files where {@code mvn} would find them; missing files are fine. */
    static MavenSettings load() throws SettingsBuildingException {
        Path user = userSettings();
        DefaultSettingsBuildingRequest request = new DefaultSettingsBuildingRequest();
        request.setUserSettingsFile(user.toFile());
        Path global = globalSettings();
        if (global != null) {
            request.setGlobalSettingsFile(global.toFile());
        }
        Properties properties = new Properties();
        properties.putAll(System.getProperties());
        System.getenv().forEach((key, value) -> properties.setProperty("env." + key, value));
        request.setSystemProperties(properties);
        Settings effective =
                new DefaultSettingsBuilderFactory().newInstance().build(request).getEffectiveSettings();
        DefaultSettingsDecrypter decrypter = new DefaultSettingsDecrypter(new DefaultSecDispatcher(
                new DefaultPlexusCipher(), Collections.emptyMap(), "~/.m2/settings-security.xml"));
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(effective));
        effective.setServers(decrypted.getServers());
        effective.setProxies(decrypted.getProxies());
        return new MavenSettings(effective);
    }

    private static Path globalSettings() {
        String explicit = System.getProperty("org.apache.maven.global-settings");
        if (explicit != null) {
            return Path.of(explicit);
        }
        for (String home : new String[] {System.getProperty("maven.home"), System.getenv("MAVEN_HOME")}) {
            if (home != null && Files.isRegularFile(Path.of(home, "conf", "settings.xml"))) {
                return Path.of(home, "conf", "settings.xml");
            }
        }
        return null;
    }

    /** {@code -Dmaven.repo.local}, else {@code <localRepository>}, else {@code ~/.m2/repository}. */
    Path localRepository() {
        String path = System.getProperty("maven.repo.local");
        if (path == null || path.isBlank()) {
            path = settings.getLocalRepository();
        }
        return path == null || path.isBlank()
                ? Path.of(System.getProperty("user.home"), ".m2", "repository")
                : Path.of(path);
    }

    void applyTo(SessionBuilder session) {
        DefaultMirrorSelector mirrors = new DefaultMirrorSelector();
        for (Mirror m : settings.getMirrors()) {
            mirrors.add(
                    m.getId(),
                    m.getUrl(),
                    m.getLayout(),
                    false,
                    m.isBlocked(),
                    m.getMirrorOf(),
                    m.getMirrorOfLayouts());
        }
        session.setMirrorSelector(mirrors);
        DefaultProxySelector proxies = new DefaultProxySelector();
        for (Proxy p : settings.getProxies()) {
            if (p.isActive()) {
                Authentication auth = new AuthenticationBuilder()
                        .addUsername(p.getUsername())
                        .addPassword(p.getPassword())
                        .build();
                proxies.add(
                        new org.eclipse.aether.repository.Proxy(p.getProtocol(), p.getHost(), p.getPort(), auth),
                        p.getNonProxyHosts());
            }
        }
        session.setProxySelector(proxies);
        DefaultAuthenticationSelector credentials = new DefaultAuthenticationSelector();
        for (Server s : settings.getServers()) {
            credentials.add(
                    s.getId(),
                    new AuthenticationBuilder()
                            .addUsername(s.getUsername())
                            .addPassword(s.getPassword())
                            .addPrivateKey(s.getPrivateKey(), s.getPassphrase())
                            .build());
        }
        session.setAuthenticationSelector(credentials);
        session.setOffline(settings.isOffline());
    }

    /** Repositories declared in profiles that are active by {@code <activeProfiles>} or by default. */
    List<RemoteRepository> profileRepositories() {
        List<RemoteRepository> repositories = new ArrayList<>();
        for (Profile profile : settings.getProfiles()) {
            boolean active = settings.getActiveProfiles().contains(profile.getId())
                    || (profile.getActivation() != null
                            && profile.getActivation().isActiveByDefault());
            if (active) {
                for (org.apache.maven.settings.Repository r : profile.getRepositories()) {
                    RemoteRepository.Builder builder = new RemoteRepository.Builder(
                            r.getId(), r.getLayout() == null ? "default" : r.getLayout(), r.getUrl());
                    if (r.getReleases() != null) {
                        builder.setReleasePolicy(policy(r.getReleases()));
                    }
                    if (r.getSnapshots() != null) {
                        builder.setSnapshotPolicy(policy(r.getSnapshots()));
                    }
                    repositories.add(builder.build());
                }
            }
        }
        return repositories;
    }

    private static RepositoryPolicy policy(org.apache.maven.settings.RepositoryPolicy p) {
        return new RepositoryPolicy(p.isEnabled(), p.getUpdatePolicy(), p.getChecksumPolicy());
    }
}
