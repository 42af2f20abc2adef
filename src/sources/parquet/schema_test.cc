#include "sources/parquet/schema.h"

#include <gtest/gtest.h>

#include "sources/parquet/parquet_test_util.h"

namespace automend::parquet {
namespace {

using testing::Group;
using testing::Leaf;
using testing::Root;

TEST(ParquetSchema, ComputesLevelsOfPrimitiveFields) {
  ParquetSchema s;
  ASSERT_TRUE(ParquetSchema::Build({Root(2), Leaf("a", kInt64, kRequired),
                                    Leaf("b", kByteArray, kOptional, kConvertedUtf8)},
                                   &s)
                  .ok());
  ASSERT_EQ(s.fields().size(), 2u);
  ASSERT_EQ(s.leaves().size(), 2u);
  EXPECT_EQ(s.fields()[1].shape, FieldShape::kPrimitive);
  EXPECT_EQ(s.fields()[1].leaf, 1);
  EXPECT_EQ(s.leaves()[0].max_def_level, 0);
  EXPECT_EQ(s.leaves()[1].max_def_level, 1);
  EXPECT_TRUE(s.leaves()[1].is_string);
  EXPECT_EQ(s.FindField("b"), 1);
  EXPECT_EQ(s.FindField("c"), -1);
}

TEST(ParquetSchema, RecognisesTheThreeLevelList) {
  ParquetSchema s;
  ASSERT_TRUE(
      ParquetSchema::Build(
          {Root(2), Leaf("x", kInt32, kOptional), Group("licenses", kOptional, 1, kConvertedList),
           Group("list", kRepeated, 1), Leaf("element", kByteArray, kOptional, kConvertedUtf8)},
          &s)
          .ok());
  const Field& f = s.fields()[1];
  EXPECT_EQ(f.shape, FieldShape::kList);
  EXPECT_EQ(f.leaf, 1);
  EXPECT_EQ(f.list_def, 1);
  EXPECT_EQ(f.element_def, 2);
  EXPECT_EQ(s.leaves()[1].max_def_level, 3);
  EXPECT_EQ(s.leaves()[1].max_rep_level, 1);
  EXPECT_EQ(s.leaves()[1].path, (std::vector<std::string>{"licenses", "list", "element"}));
}

TEST(ParquetSchema, RecognisesLegacyListForms) {
  // 2-level: optional group (LIST) { repeated binary element }.
  ParquetSchema s;
  ASSERT_TRUE(ParquetSchema::Build({Root(1), Group("l", kOptional, 1, kConvertedList),
                                    Leaf("element", kByteArray, kRepeated)},
                                   &s)
                  .ok());
  EXPECT_EQ(s.fields()[0].shape, FieldShape::kList);
  EXPECT_EQ(s.fields()[0].list_def, 1);
  EXPECT_EQ(s.fields()[0].element_def, 2);
  EXPECT_EQ(s.leaves()[0].max_def_level, 2);
  // A bare repeated primitive: a list that is never null.
  ASSERT_TRUE(ParquetSchema::Build({Root(1), Leaf("tags", kByteArray, kRepeated)}, &s).ok());
  EXPECT_EQ(s.fields()[0].shape, FieldShape::kList);
  EXPECT_EQ(s.fields()[0].list_def, 0);
  EXPECT_EQ(s.fields()[0].element_def, 1);
  // The `array` one-field form, required list, as parquet-mr's old writers made it.
  ASSERT_TRUE(
      ParquetSchema::Build({Root(1), Group("l", kRequired, 1, kConvertedList),
                            Group("array", kRepeated, 1), Leaf("item", kByteArray, kRequired)},
                           &s)
          .ok());
  EXPECT_EQ(s.fields()[0].shape, FieldShape::kList);
  EXPECT_EQ(s.fields()[0].list_def, 0);
  EXPECT_EQ(s.fields()[0].element_def, 1);
  // The LIST logical type instead of the converted type.
  SchemaElement logical = Group("l", kOptional, 1);
  logical.logical_type = kLogicalList;
  ASSERT_TRUE(
      ParquetSchema::Build(
          {Root(1), logical, Group("list", kRepeated, 1), Leaf("element", kInt64, kOptional)}, &s)
          .ok());
  EXPECT_EQ(s.fields()[0].shape, FieldShape::kList);
}

TEST(ParquetSchema, MarksStructsMapsAndNestedListsUnsupportedButKeepsLeafNumbering) {
  ParquetSchema s;
  ASSERT_TRUE(ParquetSchema::Build(
                  {Root(4), Group("st", kOptional, 2), Leaf("a", kInt32, kOptional),
                   Leaf("b", kInt32, kOptional), Group("m", kOptional, 1, kConvertedMap),
                   Group("key_value", kRepeated, 2), Leaf("key", kByteArray, kRequired),
                   Leaf("value", kInt32, kOptional), Group("nested", kOptional, 1, kConvertedList),
                   Group("list", kRepeated, 1), Group("element", kOptional, 1, kConvertedList),
                   Group("list", kRepeated, 1), Leaf("element", kInt32, kOptional),
                   Leaf("last", kDouble, kRequired)},
                  &s)
                  .ok());
  ASSERT_EQ(s.fields().size(), 4u);
  EXPECT_EQ(s.fields()[0].shape, FieldShape::kUnsupported);
  EXPECT_EQ(s.fields()[0].unsupported_reason, "struct");
  EXPECT_EQ(s.fields()[1].unsupported_reason, "map");
  EXPECT_EQ(s.fields()[2].shape, FieldShape::kUnsupported);
  EXPECT_EQ(s.fields()[3].shape, FieldShape::kPrimitive);
  EXPECT_EQ(s.fields()[3].leaf, 5);
  EXPECT_EQ(s.fields()[3].first_leaf, 5);
}

TEST(ParquetSchema, RejectsMalformedTrees) {
  ParquetSchema s;
  EXPECT_TRUE(ParquetSchema::Build({}, &s).IsCorruption());
  EXPECT_TRUE(ParquetSchema::Build({Leaf("root", kInt32, kRequired)}, &s).IsCorruption());
  // More children claimed than elements follow.
  EXPECT_TRUE(ParquetSchema::Build({Root(3), Leaf("a", kInt32, kRequired)}, &s).IsCorruption());
  EXPECT_TRUE(ParquetSchema::Build({Root(-1)}, &s).IsCorruption());
  // Elements left after the root's subtree.
  EXPECT_TRUE(ParquetSchema::Build(
                  {Root(1), Leaf("a", kInt32, kRequired), Leaf("b", kInt32, kRequired)}, &s)
                  .IsCorruption());
  // A bad repetition value.
  EXPECT_TRUE(ParquetSchema::Build({Root(1), Leaf("a", kInt32, 7)}, &s).IsCorruption());
  // Nesting beyond the depth limit is an error, not a stack overflow.
  std::vector<SchemaElement> deep = {Root(1)};
  for (int i = 0; i < 10000; ++i) deep.push_back(Group("g", kOptional, 1));
  deep.push_back(Leaf("leaf", kInt32, kOptional));
  EXPECT_TRUE(ParquetSchema::Build(deep, &s).IsCorruption());
}

}  // namespace
}  // namespace automend::parquet
