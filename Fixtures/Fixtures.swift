/// Reference data shipped inside the binary, so that a copied release binary can seed a registry.
public enum ShippedFixtures {
  /// The trial references of PRODUCT.md §8 as CSV (source, population, arm, category, percent_low,
  /// percent_high, patients, weeks, citation, provenance).
  public static var referencesCSV: [UInt8] { PackageResources.references_csv }
}
