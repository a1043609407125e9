package io.pulse.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Package rules: features on top of base and backend, the backend client free of Vaadin. */
@AnalyzeClasses(packages = "io.pulse.ui", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

  @ArchTest
  static final ArchRule backendClientKnowsNoVaadin =
      noClasses()
          .that()
          .resideInAPackage("io.pulse.ui.backend..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "com.vaadin..",
              "io.pulse.ui.base..",
              "io.pulse.ui.dealer..",
              "io.pulse.ui.executive..");

  @ArchTest
  static final ArchRule baseKnowsNoFeature =
      noClasses()
          .that()
          .resideInAPackage("io.pulse.ui.base..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.pulse.ui.dealer..", "io.pulse.ui.executive..");

  /** Executives drill down into cabinets; a cabinet links up by address only. */
  @ArchTest
  static final ArchRule dealerCabinetDoesNotDependOnExecutiveViews =
      noClasses()
          .that()
          .resideInAPackage("io.pulse.ui.dealer..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.pulse.ui.executive..");

  @ArchTest
  static final ArchRule noRawHtmlWithUserText =
      noClasses()
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("com.vaadin.flow.component.Html")
          .because("comments are untrusted: text components only, never raw HTML");
}
