// Elapsed times the way IOS prints them in tables (route ages, BGP Up/Down):
// "00:00:30", "01:16:46" under a day, "1d02h" under a week, "2w3d" beyond.
#pragma once

#include <string>

#include "core/clock.hpp"

namespace l3vpn::cli {

std::string ios_age(core::Duration elapsed);

}  // namespace l3vpn::cli
