#include "sim/ldp_line.hpp"

#include <stdexcept>

namespace l3vpn::sim {

LdpLine::LdpLine(LdpLineOptions options) : options_(std::move(options)) {
  const std::size_t n = options_.names.size();
  if (n < 2 || n > 254) throw std::invalid_argument("LdpLine: 2 to 254 routers");
  std::vector<netsim::Node*> nodes;
  for (const std::string& name : options_.names) nodes.push_back(&network.add_node(name));
  for (std::size_t i = 0; i + 1 < n; ++i)
    links_.push_back(&network.add_segment(options_.names[i] + "-" + options_.names[i + 1], options_.link_latency));

  LdpLocator locate = [this](std::uint32_t address) -> LdpNode* {
    for (std::size_t i = 0; i < nodes_.size(); ++i)
      if (loopback(i) == address) return nodes_[i].get();
    return nullptr;
  };
  for (std::size_t i = 0; i < n; ++i) {
    ldp::InstanceConfig c;
    c.local = ldp::LdpId{loopback(i), 0};
    c.transport_address = loopback(i);
    c.keepalive_time = options_.keepalive_time;
    c.hello_hold_time = options_.hello_hold_time;
    c.local_addresses.push_back(loopback(i));
    if (i > 0) {
      c.interfaces.push_back("Gi0/0");
      c.local_addresses.push_back(link_address(i - 1, true));
    }
    if (i + 1 < n) {
      c.interfaces.push_back("Gi0/1");
      c.local_addresses.push_back(link_address(i, false));
    }
    if (auto p = options_.passwords.find(options_.names[i]); p != options_.passwords.end()) c.passwords = p->second;
    labels_.push_back(std::make_unique<vpn::LabelAllocator>());
    nodes_.push_back(std::make_unique<LdpNode>(network, *nodes[i], std::move(c), *labels_.back(), locate));
  }
  for (std::size_t i = 0; i + 1 < n; ++i) {
    nodes_[i]->attach(links_[i]->attach(*nodes[i], "Gi0/1", config::Ipv4Address{link_address(i, false)}));
    nodes_[i + 1]->attach(links_[i]->attach(*nodes[i + 1], "Gi0/0", config::Ipv4Address{link_address(i, true)}));
  }
}

LdpLine::~LdpLine() = default;

std::size_t LdpLine::index_of(const std::string& name) const {
  for (std::size_t i = 0; i < options_.names.size(); ++i)
    if (options_.names[i] == name) return i;
  throw std::invalid_argument("LdpLine: no router " + name);
}

LdpNode& LdpLine::operator[](const std::string& name) { return *nodes_.at(index_of(name)); }

std::vector<ldp::IgpRoute> LdpLine::igp_routes(std::size_t index, const std::vector<ldp::Fec>& behind_last) const {
  const std::size_t last = nodes_.size() - 1;
  auto toward = [&](std::size_t owner, ldp::Fec fec) {
    ldp::IgpRoute r;
    r.fec = fec;
    if (owner == index) {
      r.local = true;
    } else if (owner > index) {  // to the right: the right neighbor's Gi0/0 address
      r.next_hop = link_address(index, true);
      r.interface = "Gi0/1";
    } else {
      r.next_hop = link_address(index - 1, false);
      r.interface = "Gi0/0";
    }
    return r;
  };
  std::vector<ldp::IgpRoute> out;
  for (std::size_t owner = 0; owner <= last; ++owner) out.push_back(toward(owner, ldp::Fec::of(loopback(owner))));
  for (const ldp::Fec& fec : behind_last) out.push_back(toward(last, fec));
  return out;
}

void LdpLine::install_igp(const std::vector<ldp::Fec>& behind_last) {
  for (std::size_t i = 0; i < nodes_.size(); ++i) nodes_[i]->set_igp_routes(igp_routes(i, behind_last));
}

void LdpLine::start() {
  for (auto& node : nodes_) node->start();
}

}  // namespace l3vpn::sim
