package dev.portcullis.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of the design (shared/DESIGN.md §6): dependencies point one way. */
class PackageRulesTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.portcullis");
  }

  @Test
  void topLevelPackagesHaveNoCycles() {
    slices().matching("dev.portcullis.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void theModelDependsOnNoneOfOursButErrors() {
    noClasses().that().resideInAPackage("dev.portcullis.model..")
        .should().dependOnClassesThat(resideInAPackage("dev.portcullis..")
            .and(not(resideInAnyPackage("dev.portcullis.model..", "dev.portcullis.error.."))))
        .check(main);
  }

  @Test
  void providersKnowNeitherServerNorDialectsNorRoutingNorStoreNorAdminNorObservability() {
    noClasses().that().resideInAPackage("dev.portcullis.provider..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.portcullis.server..", "dev.portcullis.api..",
            "dev.portcullis.routing..", "dev.portcullis.store..", "dev.portcullis.admin..", "dev.portcullis.observe..")
        .check(main);
  }

  @Test
  void theStoreKnowsNeitherServerNorDialectsNorAdmin() {
    noClasses().that().resideInAPackage("dev.portcullis.store..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.portcullis.server..", "dev.portcullis.api..",
            "dev.portcullis.admin..")
        .check(main);
  }

  @Test
  void routingKnowsNeitherServerNorDialects() {
    noClasses().that().resideInAPackage("dev.portcullis.routing..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.portcullis.server..", "dev.portcullis.api..")
        .check(main);
  }

  @Test
  void keysKnowNothingOfPlans() {
    noClasses().that().resideInAPackage("dev.portcullis.keys..")
        .should().dependOnClassesThat().resideInAPackage("dev.portcullis.routing..")
        .check(main);
  }

  @Test
  void alertsKnowNeitherServerNorAdminNorPolicyNorRouting() {
    noClasses().that().resideInAPackage("dev.portcullis.alert..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.portcullis.server..", "dev.portcullis.admin..",
            "dev.portcullis.policy..", "dev.portcullis.routing..", "dev.portcullis.api..")
        .check(main);
  }

  @Test
  void theDashboardStaysAboveTheRequestPath() {
    noClasses().that().resideInAPackage("dev.portcullis.ui..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.portcullis.server..", "dev.portcullis.api..",
            "dev.portcullis.provider..", "dev.portcullis.wire..", "dev.portcullis.mock..", "dev.portcullis.cli..")
        .check(main);
  }

  @Test
  void reportsReadTheStoresButKnowNoneOfTheSurfacesThatServeThem() {
    noClasses().that().resideInAPackage("dev.portcullis.report..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.portcullis.admin..", "dev.portcullis.cli..",
            "dev.portcullis.server..", "dev.portcullis.ui..", "dev.portcullis.api..", "dev.portcullis.routing..",
            "dev.portcullis.provider..")
        .check(main);
  }

  @Test
  void onlyTheServerTheCliAndTheEntryPointKnowTheDashboard() {
    noClasses().that().resideOutsideOfPackages("dev.portcullis.ui..", "dev.portcullis.server..",
            "dev.portcullis.cli..")
        .and().doNotHaveFullyQualifiedName("dev.portcullis.Portcullis")
        .should().dependOnClassesThat().resideInAPackage("dev.portcullis.ui..")
        .check(main);
  }
}
