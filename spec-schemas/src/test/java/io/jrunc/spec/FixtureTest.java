package io.jrunc.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every config.json Docker sent us must parse, validate, match the schema and survive a round trip. */
class FixtureTest {
    static List<Path> fixtures() {
        return TestFiles.dockerFixtures();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void parsesAndValidatesWithoutViolations(Path file) {
        Spec spec = SpecJson.readConfig(file);
        assertNotNull(spec.process());
        assertNotNull(spec.linux());
        assertEquals(List.of(), SpecValidator.validate(spec));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void matchesTheConfigSchema(Path file) {
        SchemaCheck.assertValid(Schemas.CONFIG, new String(TestFiles.bytes(file), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void roundTripsToAnEqualRecord(Path file) {
        Spec spec = SpecJson.readConfig(file);
        String compact = SpecJson.write(spec);
        assertEquals(spec, SpecJson.parseConfig(compact.getBytes(StandardCharsets.UTF_8)));
        String pretty = SpecJson.writePretty(spec);
        assertEquals(spec, SpecJson.parseConfig(pretty.getBytes(StandardCharsets.UTF_8)));
        SchemaCheck.assertValid(Schemas.CONFIG, compact);
    }
}
