#include "core/asio_timer_service.hpp"

#include <utility>

namespace l3vpn::core {

AsioTimerService::~AsioTimerService() {
  for (auto& [name, timer] : timers_) timer->cancel();
}

void AsioTimerService::start(const std::string& name, Duration after, TimerCallback callback) {
  cancel(name);
  auto timer = std::make_shared<boost::asio::steady_timer>(io_, after);
  timers_[name] = timer;
  std::weak_ptr<boost::asio::steady_timer> weak = timer;
  timer->async_wait([this, name, weak, cb = std::move(callback)](const boost::system::error_code& ec) {
    if (ec == boost::asio::error::operation_aborted) return;
    auto self = weak.lock();
    auto it = timers_.find(name);
    // Only the timer currently registered under this name may fire.
    if (!self || it == timers_.end() || it->second != self) return;
    timers_.erase(it);
    if (cb) cb();
  });
}

bool AsioTimerService::cancel(const std::string& name) {
  auto it = timers_.find(name);
  if (it == timers_.end()) return false;
  it->second->cancel();
  timers_.erase(it);
  return true;
}

bool AsioTimerService::is_running(const std::string& name) const {
  return timers_.count(name) > 0;
}

}  // namespace l3vpn::core
