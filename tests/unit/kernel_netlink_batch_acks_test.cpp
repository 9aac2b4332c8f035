// A batch that asks for one ack: NLM_F_ACK cleared on all but the last
// request, and what the answers mean for each request (the kernel answers
// every failed one anyway). bench_kernel_routes checks the same against a
// kernel, with unreachable gateways in a batch.
#include <doctest/doctest.h>

#include <linux/netlink.h>

#include <cstring>

#include "kernel/netlink_batch_acks.hpp"

namespace {

using namespace l3vpn::kernel;

std::uint16_t flags_at(const std::vector<std::uint8_t>& bytes, std::size_t offset) {
  nlmsghdr h{};
  std::memcpy(&h, bytes.data() + offset, sizeof h);
  return h.nlmsg_flags;
}

RequestBuffer three_routes() {
  RequestBuffer buffer;
  const InterfaceIndexes indexes{{"eth1", 3}};
  for (std::uint32_t i = 0; i < 3; ++i) {
    Ipv4Route route;
    route.table = 1001;
    route.prefix = Ipv4Prefix{Ipv4Address{0x0A000000u + i}, 32};
    route.next_hops = {{Ipv4Address{0xC0000201u}, "eth1", {100, 16 + i}}};
    REQUIRE(!buffer.append(RouteRequest::Replace, route, indexes, 10 + i));
  }
  return buffer;
}

}  // namespace

TEST_CASE("batch acks: only the last request of a batch keeps NLM_F_ACK, the rest of each header untouched") {
  const RequestBuffer buffer = three_routes();
  std::vector<std::uint8_t> bytes = buffer.bytes();
  REQUIRE(ack_last_only(bytes));
  const std::size_t length = buffer.size() / 3;  // three messages of the same shape
  for (std::size_t i = 0; i < 3; ++i) {
    const std::uint16_t before = flags_at(buffer.bytes(), i * length);
    const std::uint16_t after = flags_at(bytes, i * length);
    CHECK((before & NLM_F_ACK) != 0);
    CHECK(((after & NLM_F_ACK) != 0) == (i == 2));
    CHECK((after | NLM_F_ACK) == before);  // CREATE | REPLACE | REQUEST kept
  }
  // Everything but the cleared bits is the same bytes.
  std::size_t differing = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) differing += bytes[i] != buffer.bytes()[i] ? 1 : 0;
  CHECK(differing == 2);
}

TEST_CASE("batch acks: bytes that are not whole messages are left as they were") {
  std::vector<std::uint8_t> bytes = three_routes().bytes();
  bytes.resize(bytes.size() - 3);
  const auto copy = bytes;
  CHECK(!ack_last_only(bytes));
  CHECK(bytes == copy);
}

TEST_CASE("batch acks: errors only, last answered: silent requests are done, each failure keeps its errno") {
  // Requests 100..104; 101 and 103 failed (ENETUNREACH, EINVAL), 104 acked.
  const BatchAnswers answers = settle_batch(
      AckMode::ErrorsOnly, 100, 5,
      {Ack{101, 101, "Nexthop has invalid gateway"}, Ack{103, 22, ""}, Ack{104, 0, ""}}, false);
  CHECK(answers.unanswered.empty());
  REQUIRE(answers.acks.size() == 5);
  for (const Ack& ack : answers.acks) {
    CAPTURE(ack.seq);
    const int expected = ack.seq == 101 ? 101 : ack.seq == 103 ? 22 : 0;
    CHECK(ack.error == expected);
  }
  CHECK(answers.acks[1].message == "Nexthop has invalid gateway");
}

TEST_CASE("batch acks: errors only, answers lost or the last missing: silence proves nothing") {
  const std::vector<Ack> came = {Ack{101, 101, ""}, Ack{104, 0, ""}};
  // The receive queue overran (ENOBUFS): an error may have been dropped.
  BatchAnswers overrun = settle_batch(AckMode::ErrorsOnly, 100, 5, came, true);
  CHECK(overrun.unanswered == std::vector<std::uint32_t>{100, 102, 103});
  REQUIRE(overrun.acks.size() == 2);
  CHECK(overrun.acks[0].seq == 101);
  CHECK(overrun.acks[1].seq == 104);
  // The last request's answer never came (timeout): the same.
  BatchAnswers cut = settle_batch(AckMode::ErrorsOnly, 100, 5, {Ack{101, 101, ""}}, false);
  CHECK(cut.unanswered == std::vector<std::uint32_t>{100, 102, 103, 104});
}

TEST_CASE("batch acks: every request acked: the missing ones are unanswered; foreign and repeated answers ignored") {
  const BatchAnswers answers =
      settle_batch(AckMode::EveryRequest, 100, 3,
                   {Ack{99, 17, ""}, Ack{100, 0, ""}, Ack{100, 22, ""}, Ack{103, 0, ""}, Ack{102, 0, ""}}, false);
  CHECK(answers.unanswered == std::vector<std::uint32_t>{101});
  REQUIRE(answers.acks.size() == 2);
  CHECK(answers.acks[0].seq == 100);
  CHECK(answers.acks[0].error == 0);  // the first answer counts
  CHECK(answers.acks[1].seq == 102);
}

TEST_CASE("batch acks: sequence numbers wrapping past 2^32 still match their requests") {
  const std::uint32_t first = 0xFFFFFFFEu;
  const BatchAnswers answers = settle_batch(AckMode::ErrorsOnly, first, 4, {Ack{0, 22, ""}, Ack{1, 0, ""}}, false);
  CHECK(answers.unanswered.empty());
  REQUIRE(answers.acks.size() == 4);
  CHECK(answers.acks[2].seq == 0);
  CHECK(answers.acks[2].error == 22);
  CHECK(answers.acks[0].error == 0);
}
