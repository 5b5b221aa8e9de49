package io.clearpost;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structure keeps itself clean: every top-level package is a module that reaches the others only
 * through their API (their top-level public types) and never in a cycle, and only {@code engine} touches
 * the engine's internal API. The module documentation (PlantUML/C4 diagrams) is written to
 * {@code target/spring-modulith-docs}.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(ClearpostApplication.class);

    /** The engine's internals, reached from one package only. */
    static final ArchRule ENGINE_FENCE = noClasses()
            .that().resideOutsideOfPackage("io.clearpost.engine..")
            .should().dependOnClassesThat().resideInAPackage("org.operaton.bpm.engine.impl..")
            .as("only io.clearpost.engine may use the engine's internal API (org.operaton.bpm.engine.impl..)");

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        MODULES.verify();
    }

    @Test
    void everyFeaturePackageIsAModule() {
        assertThat(MODULES.stream().map(ApplicationModule::getBasePackage).map(p -> p.getName()))
                .contains("io.clearpost.audit", "io.clearpost.brief", "io.clearpost.content", "io.clearpost.engine",
                        "io.clearpost.events", "io.clearpost.publish", "io.clearpost.schedule", "io.clearpost.sla",
                        "io.clearpost.task", "io.clearpost.tenancy", "io.clearpost.web");
        // the connectors and accounts are publish's internals, not modules of their own
        assertThat(MODULES.getModuleByName("publish")).isPresent();
        assertThat(MODULES.stream().map(ApplicationModule::getName)).doesNotContain("connector", "account");
    }

    @Test
    void onlyTheEnginePackageUsesTheEngineInternals() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.clearpost");
        ENGINE_FENCE.check(production);
    }

    /** The README's module table names each module's dependencies exactly as the code has them. */
    @Test
    void theReadmeShowsEveryModuleWithItsDependencies() throws Exception {
        Map<String, Set<String>> actual = new TreeMap<>();
        MODULES.forEach(module -> actual.put(module.getName(), module.getDependencies(MODULES).stream()
                .map(dependency -> dependency.getTargetModule().getName())
                .collect(Collectors.toCollection(TreeSet::new))));
        Map<String, Set<String>> documented = new TreeMap<>();
        Pattern row = Pattern.compile("^\\| `(\\w+)/` \\|.*\\| ([^|]*) \\|$");
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                documented.put(m.group(1), Pattern.compile("`(\\w+)`").matcher(m.group(2)).results()
                        .map(r -> r.group(1)).collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        assertThat(documented).as("README.md, section Layout").isEqualTo(actual);
    }

    @Test
    void writesTheModuleDocumentation() throws Exception {
        Path out = Path.of("target", "spring-modulith-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(out.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
        String diagram = Files.readString(out.resolve("components.puml"));
        assertThat(diagram).containsIgnoringCase("publish").containsIgnoringCase("content").containsIgnoringCase("audit");
        // the picture the README links: laid out by PlantUML's built-in engine, no Graphviz install needed
        try (OutputStream svg = Files.newOutputStream(out.resolve("components.svg"))) {
            new SourceStringReader(diagram.replaceFirst("@startuml", "@startuml\n!pragma layout smetana"))
                    .outputImage(svg, new FileFormatOption(FileFormat.SVG));
        }
        assertThat(Files.readString(out.resolve("components.svg"))).startsWith("<svg").contains("Publish");
    }
}
