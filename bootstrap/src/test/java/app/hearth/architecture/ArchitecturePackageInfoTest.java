package app.hearth.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every package of the main sources documents its purpose in a {@code package-info.java}. Only the hand-written
 * trees under {@code src/main/java} are walked, so generated code (jOOQ, under {@code target}) is not concerned.
 */
class ArchitecturePackageInfoTest {

    static final List<String> MODULES = List.of("domain", "application", "adapters", "bootstrap");

    /** The project root: the parent of the bootstrap module, where Maven runs the tests, or the directory itself. */
    static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("domain/src/main/java")) ? here : here.getParent();
    }

    static Stream<Path> packagesUnderAppHearth(Path sources) {
        Path appHearth = sources.resolve("app/hearth");
        try (Stream<Path> tree = Files.walk(appHearth)) {
            return tree.filter(Files::isDirectory).filter(directory -> !directory.equals(appHearth))
                    .filter(ArchitecturePackageInfoTest::holdsJavaSources)
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory is a package once a Java source lives in it or below it; stray empty directories are not. */
    static boolean holdsJavaSources(Path directory) {
        try (Stream<Path> tree = Files.walk(directory)) {
            return tree.anyMatch(path -> Files.isRegularFile(path) && path.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyMainPackageOfEveryModuleHasAPackageInfo() {
        Path root = projectRoot();
        var sourceTrees = MODULES.stream().map(module -> root.resolve(module).resolve("src/main/java")).toList();
        assertThat(sourceTrees).allSatisfy(tree -> assertThat(tree.resolve("app/hearth")).isDirectory());

        var packages = sourceTrees.stream().flatMap(ArchitecturePackageInfoTest::packagesUnderAppHearth).toList();
        var withoutPackageInfo = packages.stream()
                .filter(directory -> !Files.isRegularFile(directory.resolve("package-info.java")))
                .map(directory -> root.relativize(directory).toString())
                .toList();

        assertThat(packages).hasSizeGreaterThanOrEqualTo(MODULES.size());
        assertThat(withoutPackageInfo).as("packages without package-info.java").isEmpty();
    }
}
