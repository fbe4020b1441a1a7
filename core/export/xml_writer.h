// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rushes::exporting {

using XmlAttributes = std::vector<std::pair<std::string_view, std::string>>;

// A small streaming XML writer for the two XML lists: escapes text and attribute values, keeps them valid
// UTF-8 without control characters (export_text.h), indents two spaces per level and checks that every
// element it opened is closed. Element and attribute names are the writer's own constants, never user text.
class XmlWriter {
public:
    XmlWriter();  // starts with the XML declaration (UTF-8)

    void doctype(std::string_view root);
    void open(std::string_view tag, const XmlAttributes& attributes = {});
    void close();
    void leaf(std::string_view tag, std::string_view text, const XmlAttributes& attributes = {});
    void empty(std::string_view tag, const XmlAttributes& attributes);

    // The document; throws std::logic_error if an element is still open.
    [[nodiscard]] std::string finish();

private:
    void indent();
    void writeAttributes(const XmlAttributes& attributes);

    std::string out_;
    std::vector<std::string> open_;
};

}  // namespace rushes::exporting
