// TimerService on boost::asio::steady_timer (edge code).
//
// Threads: every call and every callback on the thread running `io`; not
// thread-safe. Limits: none beyond memory, one asio timer per running name.
// Failure: a timer wait that ends with an error other than cancellation is
// treated as expiry (the callback runs), so a timer is never silently lost.
// Destroying the service cancels all timers; their callbacks do not run.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <memory>
#include <string>

#include "core/clock.hpp"

namespace l3vpn::core {

class AsioTimerService final : public TimerService {
 public:
  explicit AsioTimerService(boost::asio::io_context& io) : io_(io) {}
  ~AsioTimerService() override;
  AsioTimerService(const AsioTimerService&) = delete;
  AsioTimerService& operator=(const AsioTimerService&) = delete;

  void start(const std::string& name, Duration after, TimerCallback callback) override;
  bool cancel(const std::string& name) override;
  bool is_running(const std::string& name) const override;

 private:
  boost::asio::io_context& io_;
  std::map<std::string, std::shared_ptr<boost::asio::steady_timer>> timers_;
};

}  // namespace l3vpn::core
