package io.pulse.simulator;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.stream.Collectors;

/** The simulator is a client of Pulse's public HTTP API, and of nothing else of Pulse's. */
@AnalyzeClasses(
    packages = "io.pulse.simulator",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

  /**
   * Of Pulse, the simulator knows the API's messages only ({@code io.pulse.api}), never the
   * backend's internals; and no Spring: it is a plain client that any machine can run.
   */
  @ArchTest
  static final ArchRule usesOnlyThePublicApi =
      noClasses()
          .that()
          .resideInAPackage("io.pulse.simulator..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("org.springframework..")
                  .or(
                      resideInAPackage("io.pulse..")
                          .and(not(resideInAnyPackage("io.pulse.api..", "io.pulse.simulator..")))))
          .because("the simulator talks to the backend over HTTP, as any carmaker system does");

  /** The API's messages and codes are used as they are, never copied under the same name. */
  @ArchTest
  static final ArchRule noCopiesOfApiTypes =
      noClasses()
          .that()
          .areTopLevelClasses()
          .and(haveTheNameOfAnApiType())
          .should()
          .resideInAPackage("io.pulse.simulator..")
          .because("a copied record drifts from the backend's and breaks only in production")
          .allowEmptyShould(true);

  private static DescribedPredicate<JavaClass> haveTheNameOfAnApiType() {
    Set<String> api =
        new ClassFileImporter()
            .importPackages("io.pulse.api").stream()
                .filter(c -> c.isTopLevelClass() && !c.getSimpleName().equals("package-info"))
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toSet());
    if (api.isEmpty()) {
      throw new IllegalStateException("io.pulse.api is not on the test classpath");
    }
    return DescribedPredicate.describe(
        "have the name of a type of io.pulse.api", c -> api.contains(c.getSimpleName()));
  }
}
