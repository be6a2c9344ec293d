// RecordReader: CSV (RFC 4180) and JSONL records from chunks split anywhere.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tact/tact.h"

namespace tact {
namespace {

struct Read {
  std::vector<Record> records;
  std::string error;  // the reader's failure, if any
};

// Feeds `input` in chunks of `chunk` bytes (0: all at once).
Read ReadAll(std::string_view input, RecordOptions options = {}, size_t chunk = 0) {
  Read read;
  absl::StatusOr<RecordReader> reader = RecordReader::Create(std::move(options));
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return read;
  if (chunk == 0) chunk = input.size() + 1;
  for (size_t at = 0; at < input.size(); at += chunk) {
    absl::Status s = reader->Feed(input.substr(at, chunk), &read.records);
    if (!s.ok()) {
      read.error = std::string(s.message());
      return read;
    }
  }
  absl::Status s = reader->Finish(&read.records);
  if (!s.ok()) read.error = std::string(s.message());
  return read;
}

// One line per record: "line: reply | review | author | rating | date | id" or "line: !error".
std::string Describe(const std::vector<Record>& records) {
  std::string out;
  for (const Record& r : records) {
    out += std::to_string(r.line) + ": ";
    if (!r.error.empty()) {
      out += "!" + r.error;
    } else if (r.is_json) {
      out += "json " + r.json;
    } else {
      const Request& q = r.request;
      out += q.reply + " | " + q.review + " | " + q.author + " | " + std::to_string(q.rating) +
             " | " + q.date + " | " + q.id_json;
      for (const std::string& b : q.business) out += " | business " + b;
    }
    out += "\n";
  }
  return out;
}

constexpr std::string_view kCsv =
    "\xEF\xBB\xBF"
    "id;Commentaire;star;date;client;reponse\r\n"
    "a1;\"Colis abîmé; \"\"vraiment\"\" déçu\";1;2025-03-01;Sophie M.;\"Bonjour Sophie,\r\n"
    "désolés pour le colis.\r\nLéa\"\r\n"
    "\r\n"
    "a2;Super;5,0;02/03/2025;Marc;Merci Marc !\r\n"
    "a3;Bof;4/5;;;Merci\n";

TEST(RecordReaderTest, ReadsAQuotedMultilineCsvWithAliasesAndASemicolon) {
  const Read read = ReadAll(kCsv);
  EXPECT_EQ(read.error, "");
  EXPECT_EQ(Describe(read.records),
            "2: Bonjour Sophie,\r\ndésolés pour le colis.\r\nLéa | Colis abîmé; \"vraiment\" déçu"
            " | Sophie M. | 1 | 2025-03-01 | \"a1\"\n"
            "6: Merci Marc ! | Super | Marc | 5 | 02/03/2025 | \"a2\"\n"
            "7: Merci | Bof |  | 4 |  | \"a3\"\n");
}

TEST(RecordReaderTest, EveryChunkSplitGivesTheSameRecords) {
  const std::string whole = Describe(ReadAll(kCsv).records);
  for (size_t chunk = 1; chunk <= 7; ++chunk) {
    EXPECT_EQ(Describe(ReadAll(kCsv, {}, chunk).records), whole) << "chunks of " << chunk;
  }
  // Two chunks, split at every byte (inside the BOM, a quote, a CRLF, a UTF-8 sequence).
  for (size_t at = 0; at <= kCsv.size(); ++at) {
    Read read;
    absl::StatusOr<RecordReader> reader = RecordReader::Create({});
    ASSERT_TRUE(reader.ok());
    ASSERT_TRUE(reader->Feed(kCsv.substr(0, at), &read.records).ok());
    ASSERT_TRUE(reader->Feed(kCsv.substr(at), &read.records).ok());
    ASSERT_TRUE(reader->Finish(&read.records).ok());
    EXPECT_EQ(Describe(read.records), whole) << "split at " << at;
  }
}

TEST(RecordReaderTest, DetectsTheSeparatorOutsideQuotes) {
  // The header's quoted name holds semicolons; the separator is the comma.
  const Read read = ReadAll("\"review; text\",reply\nbad,\"sorry, we fix it\"\n");
  EXPECT_EQ(read.error, "");
  EXPECT_EQ(Describe(read.records), "2: sorry, we fix it | bad |  | 0 |  | \n");
  RecordOptions tabs;
  tabs.columns = {{"review", "avis"}};
  EXPECT_EQ(Describe(ReadAll("avis\treply\nnul\tdésolé\n", tabs).records),
            "2: désolé | nul |  | 0 |  | \n");
  RecordOptions forced;
  forced.separator = ';';
  EXPECT_EQ(Describe(ReadAll("reply;x,review\na,b;c\n", forced).records),
            "2: a,b |  |  | 0 |  | \n");
}

TEST(RecordReaderTest, MapsColumnsByNameCaseAndAccentsAside) {
  RecordOptions options;
  options.columns = {{"reply", "Réponse de l'entreprise"},
                     {"review", "TEXTE"},
                     {"rating", "Note"},
                     {"business", "Boutique"}};
  const Read read = ReadAll(
      "Texte,reponse de l entreprise,note,boutique,Reply\nlent,Pardon,2,Chez Lulu,ignored\n",
      options);
  EXPECT_EQ(read.error, "");
  EXPECT_EQ(Describe(read.records), "2: Pardon | lent |  | 2 |  |  | business Chez Lulu\n");
}

TEST(RecordReaderTest, AHeaderWithoutTheReplyOrTheMappedColumnIsAnError) {
  EXPECT_EQ(ReadAll("avis,note\nnul,1\n").error,
            "no reply column in the CSV header (columns: 'avis', 'note'); name it with --map "
            "reply=COLUMN");
  RecordOptions options;
  options.columns = {{"review", "Commentaire"}};
  EXPECT_EQ(ReadAll("avis,reply\nnul,ok\n", options).error,
            "no column 'Commentaire' for review in the CSV header (columns: 'avis', 'reply')");
}

TEST(RecordReaderTest, BadRowsAreErrorsNamingTheirLineAndTheRestGoesOn) {
  const Read read = ReadAll(
      "reply,rating,review\n"
      "ok,5,good\n"
      "two,fields\n"
      "ok,6,bad rating\n"
      "ok,abc,bad rating\n"
      ",3,empty reply\n"
      "ok,4.5,rounded,,\n"  // trailing empty fields from a spreadsheet are dropped
      "ok,1,too,many\n"
      "\"multi\nline\",2,x\n"
      "last,\"3\",\"unterminated\n"
      "tail\n");
  EXPECT_EQ(Describe(read.records),
            "2: ok | good |  | 5 |  | \n"
            "3: !row has 2 fields, the header has 3\n"
            "4: !rating '6' is not a number from 1 to 5\n"
            "5: !rating 'abc' is not a number from 1 to 5\n"
            "6: !empty reply\n"
            "7: ok | rounded |  | 5 |  | \n"
            "8: !row has 4 fields, the header has 3\n"
            "9: multi\nline | x |  | 2 |  | \n"
            "11: !unterminated quoted field at the end of the input\n");
}

TEST(RecordReaderTest, ReadsRatingsAsPeopleWriteThem) {
  const auto rating = [](std::string_view cell) {
    const Read read = ReadAll("reply,rating\nok," + std::string(cell) + "\n");
    return read.records.size() == 1 && read.records[0].error.empty()
               ? read.records[0].request.rating
               : -1;
  };
  EXPECT_EQ(rating("4"), 4);
  EXPECT_EQ(rating(" 4.0 "), 4);
  EXPECT_EQ(rating("\"4,5\""), 5);
  EXPECT_EQ(rating("3/5"), 3);
  EXPECT_EQ(rating("5 étoiles"), 5);
  EXPECT_EQ(rating(""), 0);
  EXPECT_EQ(rating("0"), -1);
  EXPECT_EQ(rating("5.5"), -1);
  EXPECT_EQ(rating("12"), -1);
  EXPECT_EQ(rating("★★★"), -1);
}

TEST(RecordReaderTest, ARecordOverTheLimitIsAnErrorAndReadingResumesOnTheNextLine) {
  RecordOptions options;
  options.max_record_bytes = 40;
  options.max_record_option = "--max-line-bytes";
  const Read read = ReadAll(
      "reply,review\n"
      "ok,fine\n"
      "\"an unterminated quote that goes on and on and on\n"
      "next,line\n",
      options);
  EXPECT_EQ(Describe(read.records),
            "2: ok | fine |  | 0 |  | \n"
            "3: !record longer than 40 bytes (--max-line-bytes) (an unterminated quote?); "
            "skipped to the end of line 3\n"
            "4: next | line |  | 0 |  | \n");
}

TEST(RecordReaderTest, JsonlLinesKeepTheirNumbers) {
  RecordOptions options;
  options.max_record_bytes = 30;
  const Read read = ReadAll(
      "\xEF\xBB\xBF{\"reply\":\"a\"}\r\n"
      "\n"
      "   \n"
      "{\"reply\":\"this line is far too long for the limit\"}\n"
      "\xEF\xBB\xBF{\"reply\":\"b\"}",
      options, 3);
  EXPECT_EQ(Describe(read.records),
            "1: json {\"reply\":\"a\"}\n"
            "2: !empty line\n"
            "3: !empty line\n"
            "4: !line longer than 30 bytes\n"
            "5: json {\"reply\":\"b\"}\n");
  EXPECT_EQ(Describe(ReadAll("{\"reply\":\"a\"}\n").records), "1: json {\"reply\":\"a\"}\n");
  EXPECT_EQ(Describe(ReadAll("").records), "");
}

TEST(RecordReaderTest, TellsTheFormatFromTheFirstByteUnlessTold) {
  absl::StatusOr<RecordReader> reader = RecordReader::Create({});
  ASSERT_TRUE(reader.ok());
  std::vector<Record> records;
  ASSERT_TRUE(reader->Feed("  \n", &records).ok());
  EXPECT_EQ(reader->format(), "");
  ASSERT_TRUE(reader->Feed("{\"reply\":\"x\"}\n", &records).ok());
  EXPECT_EQ(reader->format(), "jsonl");
  RecordOptions csv;
  csv.format = "csv";
  EXPECT_EQ(Describe(ReadAll("reply\n{not json}\n", csv).records),
            "2: {not json} |  |  | 0 |  | \n");
}

TEST(RecordReaderTest, RejectsBadOptions) {
  const auto error = [](RecordOptions options) {
    absl::StatusOr<RecordReader> reader = RecordReader::Create(std::move(options));
    return reader.ok() ? std::string() : std::string(reader.status().message());
  };
  RecordOptions o;
  o.format = "xml";
  EXPECT_EQ(error(o), "format must be auto, jsonl or csv, not 'xml'");
  o = {};
  o.separator = '|';
  EXPECT_EQ(error(o), "the CSV separator must be ',', ';' or a tab");
  o = {};
  o.columns = {{"stars", "note"}};
  EXPECT_EQ(error(o),
            "unknown field 'stars' in the column map (fields: reply, review, author, rating, date, "
            "id, lang, business)");
  o.columns = {{"reply", "a"}, {"reply", "b"}};
  EXPECT_EQ(error(o), "field 'reply' mapped twice");
}

// Fuzz finding: the separator was chosen on the header bytes seen so far, so a header line longer
// than the record limit, full of quotes, gave another separator when fed in small chunks.
TEST(RecordReaderTest, TheSeparatorDoesNotDependOnTheChunks) {
  const std::string input(
      "\x63\x6f\x72\xff\xff\xff\xff\xff\xff\xff\xff\x22\x22\x22\x22\x22\x22\x22\x22\x22\x22\x22\x22"
      "\x22\x22\x22\x22\x22\x62\x69\x6c\x6c\xff\xff\xff\x00\x00\x00\xff\x00\x00\x00\x26\x61\x2c\x62"
      "\x0a\x6e\x75\x6c\x2c\x22\x00\xff\xff\xff\xff\x7f\xff\xff\xff\xff\xff\xff\x65\x22\xe1\x94\x69"
      "\x22\xe1\x94\x69\x64\x3b\x75",
      76);
  RecordOptions options;
  options.format = "csv";
  options.max_record_bytes = 64;
  options.columns = {{"reply", "b"}, {"review", "a"}};
  const Read whole = ReadAll(input, options);
  for (size_t chunk : {1, 6, 11}) {
    const Read cut = ReadAll(input, options, chunk);
    EXPECT_EQ(cut.error, whole.error) << chunk;
    EXPECT_EQ(Describe(cut.records), Describe(whole.records)) << chunk;
  }
}

}  // namespace
}  // namespace tact
