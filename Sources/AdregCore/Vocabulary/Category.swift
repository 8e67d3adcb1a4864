/// The kind of reaction a case records (PRODUCT.md §3).
public enum Category: String, VocabularyCode {
  case eczemaWorsening = "eczema-worsening"
  case facialRedness = "facial-redness"
  case seborrheicLike = "seborrheic-like"
  case psoriasiform
  case rosaceaLike = "rosacea-like"
  case injectionSite = "injection-site"
  case skinInfection = "skin-infection"
  case conjunctivitis
  /// Any other reaction; a case of this category needs a description.
  case other

  public static var vocabulary: Vocabulary { .category }

  public var meaning: String {
    switch self {
    case .eczemaWorsening: "flare of the patient's atopic dermatitis"
    case .facialRedness: "dupilumab facial redness"
    case .seborrheicLike: "seborrheic-dermatitis-like eruption"
    case .psoriasiform: "psoriasiform eruption"
    case .rosaceaLike: "persistent facial redness without typical eczema scaling"
    case .injectionSite: "reaction at the injection site"
    case .skinInfection: "secondary bacterial, fungal or viral infection"
    case .conjunctivitis: "conjunctivitis"
    case .other: "another reaction (needs a description)"
    }
  }
}
