package io.github.sequenceresync.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every developer's platform finds PostgreSQL binaries it can run among those the build puts on
 * the classpath (postgres-binaries/pom.xml). CI runs on Linux x86-64 only, so this is where the
 * others are checked, as io.zonky resolves them when a test or the demo starts a server: by the
 * system and the JVM's os.arch (amd64 passed as x86_64).
 */
class PlatformBinariesTest {

    @ParameterizedTest(name = "{0} {1} runs {2}")
    @CsvSource({
        "Linux,   x86_64,  postgres-linux-x86_64.txz",
        "Linux,   aarch64, postgres-linux-arm_64.txz",
        "Darwin,  x86_64,  postgres-darwin-x86_64.txz",
        "Darwin,  aarch64, postgres-darwin-arm_64.txz",
        "Windows, x86_64,  postgres-windows-x86_64.txz",
        // io.zonky publishes none for Windows on arm64: it takes the x86-64 ones, which Windows 11
        // on Arm runs under its x64 emulation
        "Windows, aarch64, postgres-windows-x86_64.txz",
    })
    void eachPlatformGetsBinariesItRuns(String system, String osArch, String archive) throws IOException {
        try (InputStream resolved = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, osArch);
             InputStream expected = getClass().getClassLoader().getResourceAsStream(archive)) {
            assertThat(expected).as("%s on the classpath", archive).isNotNull();
            // the first MiB tells the archives apart (each starts with files of its own) without reading 60 MB
            assertThat(resolved.readNBytes(1 << 20)).isEqualTo(expected.readNBytes(1 << 20));
        }
    }
}
