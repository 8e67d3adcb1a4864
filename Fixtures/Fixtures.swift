/// Reference data shipped inside the binary, so that a copied release binary can seed a registry.
public enum ShippedFixtures {
  /// The trial references of PRODUCT.md §8 as CSV (source, population, arm, category, percent_low,
  /// percent_high, patients, events, weeks, design, verified, citation, provenance).
  public static var referencesCSV: [UInt8] { PackageResources.references_csv }
  /// Raised whenever references.csv changes, so that `init` seeds the new set into an existing registry.
  public static let referencesVersion = 2
}
