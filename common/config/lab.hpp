// A lab: lab.yaml (containerlab's shape) plus one config per node, loaded and
// cross-checked. Errors name the file and line where they are.
//
//   name: inter-vrf-leaking
//   topology:
//     nodes:
//       R1: {kind: p,  config: R1.conf}
//     links:
//       - endpoints: ["R1:GigabitEthernet0/2", "R2:GigabitEthernet0/0"]
//   reachability:
//     endpoints:
//       Technique: {node: R3, vrf: Technique, address: 10.10.10.1}
//     expect:
//       Technique: [Commercial, Serveurs, Internet]
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/parser.hpp"

namespace l3vpn::config {

struct LabNode {
  std::string name;
  Role kind = Role::Host;
  std::string config_path;  // absolute or relative to the working directory
  Config config;
};

struct LabLinkEnd {
  std::string node;
  std::string interface;  // as named in the node's config
  bool operator==(const LabLinkEnd&) const = default;
};

struct LabLink {
  LabLinkEnd a;
  LabLinkEnd b;
};

struct ReachabilityEndpoint {
  std::string name;
  std::string node;
  std::string vrf;  // empty: global table
  Ipv4Address address;
};

struct Lab {
  std::string name;
  std::string directory;
  std::vector<LabNode> nodes;  // in file order
  std::vector<LabLink> links;
  std::vector<ReachabilityEndpoint> endpoints;  // in file order
  // endpoint name -> endpoints it must reach; every other ordered pair must fail.
  std::map<std::string, std::vector<std::string>> expect;

  const LabNode* find_node(std::string_view name) const;
  const ReachabilityEndpoint* find_endpoint(std::string_view name) const;
  // true when `from` is expected to reach `to`
  bool expects(std::string_view from, std::string_view to) const;
};

struct LabLoadResult {
  Lab lab;
  std::vector<Diagnostic> errors;  // lab.yaml errors and every node config's errors
  bool ok() const { return errors.empty(); }
};

// `directory` holds lab.yaml; node configs are relative to it.
//
// Each node's config is parsed (parse_config_file) and checked against its
// kind (check_role: pe, p, rr, host); those diagnostics keep their own
// FILE:LINE:COL. lab.yaml's own problems are located at the offending YAML
// node (1-based line/column): unknown kind, missing config file, link endpoint
// not NODE:INTERFACE or naming an unknown node or an interface the node's
// config lacks, an interface used by two links, a reachability endpoint whose
// node, VRF or address does not exist on that node (an address of an interface
// in that VRF, or in the global table without `vrf`; on a host, any
// interface), expect naming an unknown endpoint. A YAML syntax error is one
// diagnostic. Every problem is reported, not only the first.
//
// A config without a `hostname` line gets the node's name from lab.yaml as its
// hostname (config.hostname is set), so seed configs can be used verbatim.
// Unknown keys under `reachability` and in an endpoint are errors; other
// containerlab keys (mgmt, image, ...) are ignored.
LabLoadResult load_lab(const std::string& directory);

}  // namespace l3vpn::config
