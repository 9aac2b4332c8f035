#include "ctl/line_reader.hpp"

#include <unistd.h>

#include <cerrno>

namespace l3vpn::ctl {

namespace {
constexpr std::size_t kHistoryLimit = 200;
constexpr char kCtrlC = 3;
constexpr char kCtrlD = 4;
constexpr char kCtrlU = 21;
constexpr char kEscape = 27;
constexpr char kBackspace = 8;
constexpr char kDelete = 127;
}  // namespace

std::optional<std::string> PlainLineReader::read_line(const std::string& prompt) {
  std::string line;
  out_ << prompt << std::flush;
  if (!std::getline(in_, line)) {
    out_ << "\n" << std::flush;
    return std::nullopt;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  out_ << line << "\n" << std::flush;
  return line;
}

TerminalLineReader::TerminalLineReader(int fd, std::ostream& out, HelpCallback help)
    : fd_(fd), out_(out), help_(std::move(help)) {
  if (::tcgetattr(fd_, &saved_) == 0) {
    termios raw = saved_;
    raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG | IEXTEN);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    raw_ = ::tcsetattr(fd_, TCSAFLUSH, &raw) == 0;
  }
}

TerminalLineReader::~TerminalLineReader() {
  if (raw_) ::tcsetattr(fd_, TCSAFLUSH, &saved_);
}

std::optional<char> TerminalLineReader::read_byte() {
  char c = 0;
  for (;;) {
    const ssize_t n = ::read(fd_, &c, 1);
    if (n == 1) return c;
    if (n < 0 && errno == EINTR) continue;
    return std::nullopt;
  }
}

void TerminalLineReader::redraw(const std::string& prompt, const std::string& line) {
  out_ << "\r\x1b[K" << prompt << line << std::flush;
}

void TerminalLineReader::remember(const std::string& line) {
  if (line.find_first_not_of(" \t") == std::string::npos) return;
  if (!history_.empty() && history_.back() == line) return;
  history_.push_back(line);
  if (history_.size() > kHistoryLimit) history_.pop_front();
}

std::optional<std::string> TerminalLineReader::read_line(const std::string& prompt) {
  std::string line;
  std::size_t history_index = history_.size();  // == size: the line being typed
  std::string typed;                             // kept while walking the history
  redraw(prompt, line);
  for (;;) {
    const auto c = read_byte();
    if (!c) {
      out_ << "\n" << std::flush;
      return std::nullopt;
    }
    if (*c == '\r' || *c == '\n') {
      out_ << "\n" << std::flush;
      remember(line);
      return line;
    }
    if (*c == kCtrlD) {
      if (line.empty()) {
        out_ << "\n" << std::flush;
        return std::nullopt;
      }
      continue;
    }
    if (*c == kCtrlC) {
      out_ << "^C\n";
      line.clear();
      history_index = history_.size();
      redraw(prompt, line);
      continue;
    }
    if (*c == kCtrlU) {
      line.clear();
      redraw(prompt, line);
      continue;
    }
    if (*c == kBackspace || *c == kDelete) {
      if (!line.empty()) line.pop_back();
      redraw(prompt, line);
      continue;
    }
    if (*c == '?') {
      out_ << "?\n" << (help_ ? help_(line) : std::string()) << std::flush;
      redraw(prompt, line);
      continue;
    }
    if (*c == kEscape) {
      const auto first = read_byte();
      if (!first || (*first != '[' && *first != 'O')) continue;
      const auto code = read_byte();
      if (!code) continue;
      if (*code == 'A' && history_index > 0) {
        if (history_index == history_.size()) typed = line;
        line = history_[--history_index];
      } else if (*code == 'B' && history_index < history_.size()) {
        ++history_index;
        line = history_index == history_.size() ? typed : history_[history_index];
      }
      redraw(prompt, line);
      continue;
    }
    if (static_cast<unsigned char>(*c) >= 0x20) {
      line += *c;
      out_ << *c << std::flush;
    }
  }
}

}  // namespace l3vpn::ctl
