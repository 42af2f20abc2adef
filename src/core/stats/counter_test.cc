#include "core/stats/counter.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

TEST(Counter, MostCommonOrdersByCountThenKeyAndMerges) {
  Counter a, b;
  a.Add("b", 2);
  a.Add("a", 2);
  a.Add("c");
  b.Add("c", 5);
  a.Merge(b);
  auto top = a.MostCommon();
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0], std::make_pair(std::string("c"), int64_t{6}));
  EXPECT_EQ(top[1].first, "a");  // tie with "b": key order
  EXPECT_EQ(top[2].first, "b");
  EXPECT_EQ(a.total(), 10);
  EXPECT_EQ(a.Get("missing"), 0);
  EXPECT_EQ(a.MostCommon(1).size(), 1u);
}

TEST(Counter, WritesAnObjectInMostCommonOrder) {
  Counter c;
  c.Add("x");
  c.Add("y", 3);
  std::string out;
  JsonWriter w(&out);
  c.WriteJson(&w);
  EXPECT_EQ(out, R"({"y": 3, "x": 1})");
}

}  // namespace
}  // namespace automend
