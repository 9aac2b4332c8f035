// Config interface names -> Linux device names (`--interface-map`): the
// protocols' sockets bind to devices, whose names IOS-style configs do not
// use (GigabitEthernet0/0 is no Linux name). The instances keep the config
// names; only the edges translate. Pure.
#pragma once

#include <functional>
#include <map>
#include <string>

namespace l3vpn::daemon {

using DeviceNames = std::map<std::string, std::string, std::less<>>;  // config name -> Linux name

// The Linux name of config interface `name`: mapped, else the same.
inline std::string device_name(const DeviceNames& names, const std::string& name) {
  auto it = names.find(name);
  return it == names.end() ? name : it->second;
}

}  // namespace l3vpn::daemon
