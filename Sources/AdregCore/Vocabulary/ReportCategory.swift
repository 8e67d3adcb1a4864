/// What a row of a report is about: one category of the list, or `any`, a reaction of whichever category
/// (PRODUCT.md §6). Reports, their aggregates and bundles key by it; its code is written only where a row goes out
/// as text (JSON, CSV, tables, the HTML page, a bundle) and read back only from a bundle.
public enum ReportCategory: Hashable, Comparable, Sendable, CustomStringConvertible {
  case category(Category)
  /// A reaction of any category: a patient counts once whatever categories they had.
  case any

  /// The text of `any` in reports and bundles; no category's code, since none is spelled so.
  public static let anyCode = "any"

  /// Every category in the list's order, then `any`: the order of a report's rows.
  public static var all: [ReportCategory] { Category.allCases.map(ReportCategory.category) + [.any] }

  /// Reads a row's key as a bundle writes it; nil for a text that is neither a category code nor `any`.
  public init?(code: String) {
    if code == Self.anyCode {
      self = .any
    } else if let category = Category(rawValue: code) {
      self = .category(category)
    } else {
      return nil
    }
  }

  /// The code as reports and bundles write it.
  public var code: String {
    switch self {
    case .category(let category): category.rawValue
    case .any: Self.anyCode
    }
  }

  /// The category of the list, nil for `any`.
  public var category: Category? {
    if case .category(let category) = self { return category }
    return nil
  }

  public var description: String { code }

  /// Keys sort as their codes do, the order in which a bundle lists them.
  public static func < (lhs: ReportCategory, rhs: ReportCategory) -> Bool { lhs.code < rhs.code }
}
