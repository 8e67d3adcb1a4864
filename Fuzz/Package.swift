// swift-tools-version:6.0
// Coverage-guided fuzz targets for adreg, one executable per input surface, built with libFuzzer:
//   Fuzz/run [--seconds N] [TARGET]
// A separate package so that the main package and its normal build stay untouched; it depends on the main
// package by local path (nothing is fetched). Each target file defines `LLVMFuzzerTestOneInput`; libFuzzer
// supplies `main`, so these only link with `--sanitize=fuzzer`.
import PackageDescription

/// Target name, and the adreg library products it reads.
let targets: [(String, [String])] = [
  ("FuzzCSVReader", ["AdregFormats"]),
  ("FuzzCSVRoundTrip", ["AdregFormats"]),
  ("FuzzDay", ["AdregCore"]),
  ("FuzzNumber", ["AdregCore"]),
  ("FuzzReference", ["AdregCore", "AdregFormats"]),
  ("FuzzArguments", ["AdregArguments", "AdregCLI", "AdregFormats"]),
  ("FuzzDisplayText", ["AdregFormats"]),
  ("FuzzJSONWriter", ["AdregFormats"]),
  ("FuzzHTMLEscape", ["AdregCLI", "AdregFormats"]),
  ("FuzzXMLWriter", ["AdregFormats"]),
  ("FuzzJSONParser", ["AdregFormats"]),
  ("FuzzBundle", ["AdregCore", "AdregFormats"]),
  ("FuzzMedDRA", ["AdregCore", "AdregFormats"]),
]

let package = Package(
  name: "adreg-fuzz",
  dependencies: [.package(name: "adreg", path: "..")],
  targets: [
    // FuzzSupport's readXML checks the XML escapers' output with libxml2.
    .target(name: "FuzzSupport", dependencies: [.product(name: "AdregFormats", package: "adreg"), "CLibXML2"]),
    // libxml2 from Debian's libxml2-dev, called directly: FoundationXML leaks a document on every parse.
    .systemLibrary(
      name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
  ]
    + targets.map { name, products in
      .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "adreg") })
    }
)
