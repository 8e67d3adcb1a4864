/// The registry's migrations, in the order they apply. A shipped file is never edited: a change is a new file.
public enum RegistryMigrations {
  public static let all: [(name: String, sql: String)] = [
    ("v001_registry", String(decoding: PackageResources.v001_registry_sql, as: UTF8.self)),
    ("v002_stop_index", String(decoding: PackageResources.v002_stop_index_sql, as: UTF8.self)),
    ("v003_visits_reference_design", String(decoding: PackageResources.v003_visits_reference_design_sql, as: UTF8.self)),
    ("v004_seriousness_meddra_e2b", String(decoding: PackageResources.v004_seriousness_meddra_e2b_sql, as: UTF8.self)),
    ("v005_who_umc_duplicates", String(decoding: PackageResources.v005_who_umc_duplicates_sql, as: UTF8.self)),
    ("v006_named_uuid_indexes", String(decoding: PackageResources.v006_named_uuid_indexes_sql, as: UTF8.self)),
    ("v007_last_contact", String(decoding: PackageResources.v007_last_contact_sql, as: UTF8.self)),
  ]
}
