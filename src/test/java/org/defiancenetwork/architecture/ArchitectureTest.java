package org.defiancenetwork.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Keeps every feature a room of its own: top-level packages form no cycles, node-wide pieces in
 * {@code platform} know no feature, and a feature uses another only through that feature's
 * {@code api} package.
 */
class ArchitectureTest {

    private static final String ROOT = "org.defiancenetwork";
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void topLevelPackagesFormNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void platformKnowsNoFeature() {
        noClasses().that().resideInAPackage(ROOT + ".platform..")
                .should().dependOnClassesThat(DescribedPredicate.describe("belong to a feature",
                        (JavaClass c) -> feature(c).filter(f -> !f.equals("platform")).isPresent()))
                .check(PRODUCTION);
    }

    @Test
    void featuresUseEachOtherOnlyThroughTheirApiPackages() {
        classes().that().resideInAPackage(ROOT + "..")
                .should(new ArchCondition<JavaClass>("use other features only through their api packages") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        Optional<String> own = feature(origin);
                        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                            JavaClass target = d.getTargetClass();
                            Optional<String> other = feature(target);
                            if (own.isEmpty() || other.isEmpty() || other.equals(own) || other.get().equals("platform")) {
                                continue;
                            }
                            if (!target.getPackageName().startsWith(ROOT + "." + other.get() + ".api")) {
                                events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                            }
                        }
                    }
                })
                .check(PRODUCTION);
    }

    /** The top-level package under the root a class belongs to, if it is one of ours. */
    private static Optional<String> feature(JavaClass c) {
        String p = c.getPackageName();
        if (!p.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String rest = p.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }
}
