// load_lab(): lab.yaml (yaml-cpp) plus each node's config, cross-checked.
//
// Every lab.yaml problem is a Diagnostic at the line and column of the YAML
// node it is about; node config problems keep their own FILE:LINE:COL. All
// problems are collected: one bad link does not hide a bad endpoint.
#include "config/lab.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include <yaml-cpp/yaml.h>

namespace l3vpn::config {

const LabNode* Lab::find_node(std::string_view node_name) const {
  for (const auto& node : nodes)
    if (node.name == node_name) return &node;
  return nullptr;
}

const ReachabilityEndpoint* Lab::find_endpoint(std::string_view endpoint_name) const {
  for (const auto& endpoint : endpoints)
    if (endpoint.name == endpoint_name) return &endpoint;
  return nullptr;
}

bool Lab::expects(std::string_view from, std::string_view to) const {
  auto it = expect.find(std::string(from));
  if (it == expect.end()) return false;
  return std::find(it->second.begin(), it->second.end(), to) != it->second.end();
}

namespace {

namespace fs = std::filesystem;

std::optional<Role> role_from_kind(std::string_view kind) {
  if (kind == "pe") return Role::ProviderEdge;
  if (kind == "p") return Role::Provider;
  if (kind == "rr") return Role::RouteReflector;
  if (kind == "host") return Role::Host;
  if (kind == "ce") return Role::CustomerEdge;
  return std::nullopt;
}

const char* yaml_type_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "a scalar";
    case YAML::NodeType::Null: return "empty";
    case YAML::NodeType::Undefined: break;
  }
  return "undefined";
}

class LabLoader {
 public:
  explicit LabLoader(const std::string& directory)
      : directory_(directory), lab_file_((fs::path(directory) / "lab.yaml").string()) {
    result_.lab.directory = directory;
  }

  LabLoadResult load() {
    std::ifstream in(lab_file_, std::ios::binary);
    if (!in) {
      result_.errors.push_back({{lab_file_, 0, 0}, "cannot read lab file"});
      return std::move(result_);
    }
    std::ostringstream text;
    text << in.rdbuf();

    YAML::Node root;
    try {
      root = YAML::Load(text.str());
    } catch (const YAML::ParserException& e) {
      error_at(e.mark, "YAML syntax error: " + e.msg);
      return std::move(result_);
    }
    if (!root.IsMap()) {
      error(root, std::string("lab.yaml must be a map, it is ") + yaml_type_name(root));
      return std::move(result_);
    }

    auto name = member(root, "name");
    if (!name)
      error(root, "lab.yaml has no 'name'");
    else if (auto text_name = scalar(*name, "'name'"))
      result_.lab.name = *text_name;

    auto topology = member(root, "topology");
    if (!topology) {
      error(root, "lab.yaml has no 'topology'");
    } else if (!topology->IsMap()) {
      error(*topology, std::string("'topology' must be a map, it is ") + yaml_type_name(*topology));
    } else {
      if (auto nodes = member(*topology, "nodes"))
        load_nodes(*nodes);
      else
        error(*topology, "'topology' has no 'nodes'");
      if (auto links = member(*topology, "links")) load_links(*links);
    }

    if (auto reachability = member(root, "reachability")) load_reachability(*reachability);

    return std::move(result_);
  }

 private:
  // ------------------------------------------------------------ diagnostics
  void error_at(const YAML::Mark& mark, std::string message) {
    int line = mark.is_null() ? 0 : mark.line + 1;
    int column = mark.is_null() ? 0 : mark.column + 1;
    result_.errors.push_back({{lab_file_, line, column}, std::move(message)});
  }
  void error(const YAML::Node& node, std::string message) { error_at(node.Mark(), std::move(message)); }

  static int line_of(const YAML::Node& node) {
    return node.Mark().is_null() ? 0 : node.Mark().line + 1;
  }

  // ------------------------------------------------------------ YAML helpers
  // The value of `key` in `map`, nothing when absent. `map` must be a map.
  static std::optional<YAML::Node> member(const YAML::Node& map, std::string_view key) {
    for (auto it = map.begin(); it != map.end(); ++it)
      if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
    return std::nullopt;
  }

  // The scalar text of `node`, or an error naming `what`.
  std::optional<std::string> scalar(const YAML::Node& node, const std::string& what) {
    if (node.IsScalar() && !node.Scalar().empty()) return node.Scalar();
    error(node, what + " must be a non-empty string, it is " +
                    (node.IsScalar() ? std::string("empty") : std::string(yaml_type_name(node))));
    return std::nullopt;
  }

  // Reports keys of `map` not in `allowed`.
  void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                  const std::string& where) {
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        error(it->first, where + ": unknown key '" + key + "'");
    }
  }

  // ------------------------------------------------------------ nodes
  void load_nodes(const YAML::Node& nodes) {
    if (!nodes.IsMap()) {
      error(nodes, std::string("'nodes' must be a map, it is ") + yaml_type_name(nodes));
      return;
    }
    for (auto it = nodes.begin(); it != nodes.end(); ++it) {
      auto node_name = scalar(it->first, "a node name");
      if (!node_name) continue;
      if (node_name->find(':') != std::string::npos) {
        error(it->first, "node name '" + *node_name + "' must not contain ':'");
        continue;
      }
      if (result_.lab.find_node(*node_name)) {
        error(it->first, "node '" + *node_name + "' is defined twice");
        continue;
      }
      load_node(*node_name, it->second);
    }
  }

  void load_node(const std::string& node_name, const YAML::Node& spec) {
    LabNode node;
    node.name = node_name;
    const std::string label = "node '" + node_name + "'";
    if (!spec.IsMap()) {
      error(spec, label + " must be a map with 'kind' and 'config', it is " + yaml_type_name(spec));
      result_.lab.nodes.push_back(std::move(node));
      return;
    }

    std::optional<Role> role;
    if (auto kind = member(spec, "kind")) {
      if (auto kind_text = scalar(*kind, label + ": 'kind'")) {
        role = role_from_kind(*kind_text);
        if (!role)
          error(*kind, label + ": unknown kind '" + *kind_text + "' (expected pe, p, rr, ce or host)");
      }
    } else {
      error(spec, label + " has no 'kind'");
    }
    if (role) node.kind = *role;

    bool loaded = false;
    if (auto config = member(spec, "config")) {
      if (auto config_text = scalar(*config, label + ": 'config'")) {
        node.config_path = (fs::path(directory_) / *config_text).lexically_normal().string();
        config_names_[node_name] = *config_text;
        std::error_code ec;
        if (!fs::is_regular_file(node.config_path, ec)) {
          error(*config, label + ": config file '" + *config_text + "' not found (" +
                             node.config_path + ")");
        } else {
          ParseResult parsed = parse_config_file(node.config_path);
          node.config = std::move(parsed.config);
          for (auto& diagnostic : parsed.errors) result_.errors.push_back(std::move(diagnostic));
          if (role)
            for (auto& diagnostic : check_role(node.config, *role))
              result_.errors.push_back(std::move(diagnostic));
          if (node.config.hostname.empty()) node.config.hostname = node_name;
          loaded = true;
        }
      }
    } else {
      error(spec, label + " has no 'config'");
    }
    if (loaded) loaded_.insert(node_name);
    result_.lab.nodes.push_back(std::move(node));
  }

  // ------------------------------------------------------------ links
  void load_links(const YAML::Node& links) {
    if (links.IsNull()) return;
    if (!links.IsSequence()) {
      error(links, std::string("'links' must be a list, it is ") + yaml_type_name(links));
      return;
    }
    // NODE:INTERFACE -> line of the first link using it
    std::map<std::pair<std::string, std::string>, int> used;
    for (const auto& link : links) {
      if (!link.IsMap()) {
        error(link, std::string("a link must be a map with 'endpoints', it is ") + yaml_type_name(link));
        continue;
      }
      auto endpoints = member(link, "endpoints");
      if (!endpoints) {
        error(link, "a link has no 'endpoints'");
        continue;
      }
      if (!endpoints->IsSequence()) {
        error(*endpoints, std::string("'endpoints' must be a list, it is ") + yaml_type_name(*endpoints));
        continue;
      }
      if (endpoints->size() != 2) {
        error(*endpoints, "a link needs exactly 2 endpoints, this one has " +
                              std::to_string(endpoints->size()));
        continue;
      }
      std::vector<LabLinkEnd> ends;
      for (const auto& endpoint : *endpoints) {
        auto end = load_link_end(endpoint);
        if (!end) continue;
        auto [it, inserted] = used.emplace(std::pair{end->node, end->interface}, line_of(endpoint));
        if (!inserted) {
          error(endpoint, "link endpoint '" + end->node + ":" + end->interface +
                              "' is already used by the link at line " + std::to_string(it->second));
          continue;
        }
        ends.push_back(std::move(*end));
      }
      if (ends.size() == 2) result_.lab.links.push_back({std::move(ends[0]), std::move(ends[1])});
    }
  }

  std::optional<LabLinkEnd> load_link_end(const YAML::Node& endpoint) {
    auto text = scalar(endpoint, "a link endpoint");
    if (!text) return std::nullopt;
    auto colon = text->find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text->size()) {
      error(endpoint, "link endpoint '" + *text + "' is not NODE:INTERFACE");
      return std::nullopt;
    }
    LabLinkEnd end{text->substr(0, colon), text->substr(colon + 1)};
    const LabNode* node = result_.lab.find_node(end.node);
    if (!node) {
      error(endpoint, "link endpoint '" + *text + "' names unknown node '" + end.node + "'");
      return std::nullopt;
    }
    if (loaded_.count(end.node) && !node->config.find_interface(end.interface)) {
      error(endpoint, "interface '" + end.interface + "' is not in " + end.node + "'s config (" +
                          config_names_[end.node] + ")");
      return std::nullopt;
    }
    return end;
  }

  // ------------------------------------------------------------ reachability
  void load_reachability(const YAML::Node& reachability) {
    if (reachability.IsNull()) return;
    if (!reachability.IsMap()) {
      error(reachability,
            std::string("'reachability' must be a map, it is ") + yaml_type_name(reachability));
      return;
    }
    check_keys(reachability, {"endpoints", "expect"}, "reachability");
    if (auto endpoints = member(reachability, "endpoints")) load_endpoints(*endpoints);
    if (auto expect = member(reachability, "expect")) load_expect(*expect);
  }

  void load_endpoints(const YAML::Node& endpoints) {
    if (endpoints.IsNull()) return;
    if (!endpoints.IsMap()) {
      error(endpoints, std::string("'endpoints' must be a map, it is ") + yaml_type_name(endpoints));
      return;
    }
    for (auto it = endpoints.begin(); it != endpoints.end(); ++it) {
      auto endpoint_name = scalar(it->first, "an endpoint name");
      if (!endpoint_name) continue;
      if (result_.lab.find_endpoint(*endpoint_name) || bad_endpoints_.count(*endpoint_name)) {
        error(it->first, "endpoint '" + *endpoint_name + "' is defined twice");
        continue;
      }
      if (auto endpoint = load_endpoint(*endpoint_name, it->second))
        result_.lab.endpoints.push_back(std::move(*endpoint));
      else
        bad_endpoints_.insert(*endpoint_name);  // known, so expect does not report it again
    }
  }

  std::optional<ReachabilityEndpoint> load_endpoint(const std::string& endpoint_name,
                                                    const YAML::Node& spec) {
    const std::string label = "endpoint '" + endpoint_name + "'";
    if (!spec.IsMap()) {
      error(spec, label + " must be a map with 'node' and 'address', it is " + yaml_type_name(spec));
      return std::nullopt;
    }
    check_keys(spec, {"node", "vrf", "address"}, label);
    ReachabilityEndpoint endpoint;
    endpoint.name = endpoint_name;
    bool ok = true;

    const LabNode* node = nullptr;
    if (auto node_yaml = member(spec, "node")) {
      if (auto node_name = scalar(*node_yaml, label + ": 'node'")) {
        endpoint.node = *node_name;
        node = result_.lab.find_node(*node_name);
        if (!node) {
          error(*node_yaml, label + " names unknown node '" + *node_name + "'");
          ok = false;
        }
      } else {
        ok = false;
      }
    } else {
      error(spec, label + " has no 'node'");
      ok = false;
    }
    const bool check_config = node && loaded_.count(node->name);

    bool vrf_ok = true;
    if (auto vrf_yaml = member(spec, "vrf")) {
      if (auto vrf = scalar(*vrf_yaml, label + ": 'vrf'")) {
        endpoint.vrf = *vrf;
        if (check_config && !node->config.find_vrf(*vrf)) {
          error(*vrf_yaml, label + ": VRF '" + *vrf + "' is not defined on " + node->name);
          ok = vrf_ok = false;
        }
      } else {
        ok = vrf_ok = false;
      }
    }

    if (auto address_yaml = member(spec, "address")) {
      if (auto address_text = scalar(*address_yaml, label + ": 'address'")) {
        if (auto address = Ipv4Address::parse(*address_text)) {
          endpoint.address = *address;
          if (check_config && vrf_ok && !address_configured(*node, endpoint.vrf, *address)) {
            error(*address_yaml, label + ": address " + address->to_string() +
                                     " is not configured on " + node->name +
                                     (endpoint.vrf.empty() ? std::string() : " in VRF " + endpoint.vrf));
            ok = false;
          }
        } else {
          error(*address_yaml, label + ": '" + *address_text + "' is not an IPv4 address");
          ok = false;
        }
      } else {
        ok = false;
      }
    } else {
      error(spec, label + " has no 'address'");
      ok = false;
    }
    if (!ok) return std::nullopt;
    return endpoint;
  }

  // An address of an interface in `vrf` (empty: global table); on a host, of any interface.
  static bool address_configured(const LabNode& node, const std::string& vrf, Ipv4Address address) {
    for (const auto& interface : node.config.interfaces) {
      if (node.kind != Role::Host && interface.vrf != vrf) continue;
      for (const auto& configured : interface.addresses)
        if (configured.prefix.address == address) return true;
    }
    return false;
  }

  void load_expect(const YAML::Node& expect) {
    if (expect.IsNull()) return;
    if (!expect.IsMap()) {
      error(expect, std::string("'expect' must be a map, it is ") + yaml_type_name(expect));
      return;
    }
    for (auto it = expect.begin(); it != expect.end(); ++it) {
      auto from = scalar(it->first, "an expect key");
      if (!from) continue;
      if (!known_endpoint(*from)) {
        error(it->first, "expect names unknown endpoint '" + *from + "'");
        continue;
      }
      if (result_.lab.expect.count(*from)) {
        error(it->first, "expect lists endpoint '" + *from + "' twice");
        continue;
      }
      std::vector<std::string> destinations;
      const YAML::Node& list = it->second;
      if (list.IsSequence()) {
        for (const auto& destination : list) {
          auto to = scalar(destination, "an expect destination");
          if (!to) continue;
          if (!known_endpoint(*to)) {
            error(destination, "expect names unknown endpoint '" + *to + "'");
            continue;
          }
          if (std::find(destinations.begin(), destinations.end(), *to) == destinations.end())
            destinations.push_back(*to);
        }
      } else if (!list.IsNull()) {
        error(list, "expect '" + *from + "' must be a list of endpoint names, it is " +
                        yaml_type_name(list));
      }
      result_.lab.expect[*from] = std::move(destinations);
    }
  }

  bool known_endpoint(const std::string& endpoint_name) const {
    return result_.lab.find_endpoint(endpoint_name) || bad_endpoints_.count(endpoint_name);
  }

  std::string directory_;
  std::string lab_file_;
  LabLoadResult result_;
  std::set<std::string> loaded_;                     // nodes whose config file was read
  std::map<std::string, std::string> config_names_;  // node -> config as written in lab.yaml
  std::set<std::string> bad_endpoints_;              // defined but invalid
};

}  // namespace

LabLoadResult load_lab(const std::string& directory) { return LabLoader(directory).load(); }

}  // namespace l3vpn::config
