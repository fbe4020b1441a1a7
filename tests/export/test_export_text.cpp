// SPDX-License-Identifier: GPL-3.0-or-later
#include <fstream>
#include <nlohmann/json.hpp>

#include "base/error.h"
#include "export/export_test_support.h"
#include "export/export_text.h"
#include "export/list_export.h"
#include "export/xml_writer.h"

using namespace rushes;
using namespace rushes::exporting;
namespace fs = std::filesystem;

TEST_CASE("list text is valid UTF-8: broken sequences become U+FFFD, good ones stay", "[export]") {
    CHECK(validUtf8("Tor für Ärger ⚽") == "Tor für Ärger ⚽");
    CHECK(validUtf8("a\xff"
                    "b") ==
          "a\xEF\xBF\xBD"
          "b");
    CHECK(validUtf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
    CHECK(validUtf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
    CHECK(validUtf8("\xE2\x9A") == "\xEF\xBF\xBD\xEF\xBF\xBD");                  // cut short
    CHECK(singleLine("one\ntwo\tthree\r\x01") == "one two three  ");
}

TEST_CASE("file URLs percent-encode everything but unreserved characters and slashes", "[export]") {
    CHECK(fileUrl("/media/Card A/#1 100%.mov") == "file:///media/Card%20A/%231%20100%25.mov");
    CHECK(fileUrl("/m/Tor für Ärger.mov", UrlHost::Localhost) == "file://localhost/m/Tor%20f%C3%BCr%20%C3%84rger.mov");
    CHECK(fileUrl("DCIM/clip.mov") == "DCIM/clip.mov");  // no mount point known: a relative reference
}

TEST_CASE("XML text and attributes are escaped, and hostile text cannot add markup", "[export]") {
    test::ScratchFolder folder;
    XmlWriter xml;
    xml.open("root", {{"name", "a \"quoted\" <b> & 'c'"}});
    xml.leaf("note", "</note><evil/>&amp;\x01\xff");
    xml.close();
    const auto file = folder.path() / "escape.xml";
    std::ofstream(file) << xml.finish();
    const auto out = test::runPython(R"py(
import json, os, xml.etree.ElementTree as ET
root = ET.parse(os.environ["RUSHES_TEST_FILE"]).getroot()
print(json.dumps([root.get("name"), root.find("note").text, len(list(root))]))
)py",
                                     file);
    const auto parsed = nlohmann::json::parse(out);
    CHECK(parsed[0] == "a \"quoted\" <b> & 'c'");
    CHECK(parsed[1] == "</note><evil/>&amp; \xEF\xBF\xBD");
    CHECK(parsed[2] == 1);
    XmlWriter unfinished;
    unfinished.open("root");
    CHECK_THROWS_AS(unfinished.finish(), std::logic_error);
}

TEST_CASE("a list is written under a temporary name and renamed over the target", "[export]") {
    test::ScratchFolder folder;
    const fs::path target = folder.path() / "reel.edl";
    std::ofstream(target) << "old";
    writeFileAtomically(target, "TITLE: new\n");
    std::ifstream in(target);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text == "TITLE: new\n");
    size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder.path())) ++entries;
    CHECK(entries == 1);
    CHECK((fs::status(target).permissions() & fs::perms::others_read) != fs::perms::none);
}

TEST_CASE("a list that cannot be written leaves nothing behind and names the path", "[export]") {
    test::ScratchFolder folder;
    std::ofstream(folder.path() / "not-a-folder") << "x";
    const fs::path target = folder.path() / "not-a-folder" / "reel.edl";
    try {
        writeFileAtomically(target, "TITLE: x\n");
        FAIL("writing below a regular file must fail");
    } catch (const Error& error) {
        CHECK_THAT(error.what(), Catch::Matchers::Contains("reel.edl"));
    }
    size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(folder.path())) ++entries;
    CHECK(entries == 1);
}

TEST_CASE("list formats are named as the CLI takes them", "[export]") {
    for (const char* name : {"edl", "xmeml", "fcpxml", "otio", "csv"}) {
        const auto format = parseListFormat(name);
        REQUIRE(format.has_value());
        CHECK(toString(*format) == name);
    }
    CHECK_FALSE(parseListFormat("aaf").has_value());
}
