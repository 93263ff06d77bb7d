<?xml version="1.0" encoding="UTF-8"?>
<!-- rng-doc-md.xsl — docs/project.md, the reference of the project description, from
     schemas/project.rng (make docs). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:rng="http://relaxng.org/ns/structure/1.0"
    xmlns:a="http://relaxng.org/ns/compatibility/annotations/1.0"
    exclude-result-prefixes="rng a">
  <xsl:import href="rng-doc-common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:text># The project description: reference

Generated from the annotations of `schemas/project.rng` by `tools/rng-doc-md.xsl`
(`make docs`); do not edit by hand. The same text is the man page phasedoc-project(5).

A project description is one XML file, in the namespace `urn:phasedoc:project:1`, that holds
everything about one customer project, phase by phase; every document (offer, concept,
implementation plan, approval sign-off sheet) is made from it. Start from `phasedoc new`,
check with `phasedoc validate FILE` (add `--strict` in CI), and see
`samples/reference.xml` for a complete example.

## Conventions

- Dates are written YYYY-MM-DD (2026-07-31).
- Numbers use a dot for decimals and no thousands separators: `qty="30000"`,
  `price="1380.50"` (`30.000` is thirty).
- Percentages (`vat`, `discount`, `concurrency`) are numbers from 0 to 100.
- Ids use letters, digits, `.`, `_` and `-`, and are unique within their kind. `owner`,
  `member`, `author` and `contact` hold the id of a `&lt;member&gt;` of the `&lt;team&gt;`.
- The order of elements inside their parent is fixed: the order in which they are listed
  under "Content" below.
- A phase you have not reached may be left out; a phase that is present needs its required
  parts. A document kind whose phase is missing is refused (`render -k all` skips it).

## Elements

</xsl:text>
    <xsl:apply-templates select="//rng:element"/>
  </xsl:template>

  <xsl:template match="rng:element">
    <xsl:variable name="e" select="."/>
    <xsl:variable name="eid" select="generate-id()"/>
    <xsl:variable name="name" select="@name"/>
    <xsl:variable name="parents"><xsl:call-template name="parents"/></xsl:variable>
    <xsl:variable name="twice" select="count(//rng:element[@name = $name]) &gt; 1"/>
    <xsl:value-of select="concat('### `&lt;', @name, '&gt;`')"/>
    <xsl:if test="$twice and normalize-space($parents)">
      <xsl:value-of select="concat(' in `&lt;', substring-before($parents, ' '), '&gt;`')"/>
    </xsl:if>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:call-template name="doc"/>
    <xsl:text>&#10;&#10;</xsl:text>
    <!-- where -->
    <xsl:text>- Where: </xsl:text>
    <xsl:choose>
      <xsl:when test="normalize-space($parents)">
        <xsl:text>inside </xsl:text>
        <xsl:call-template name="tags"><xsl:with-param name="list" select="$parents"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>the root element of the file</xsl:otherwise>
    </xsl:choose>
    <xsl:text>&#10;</xsl:text>
    <!-- shown in -->
    <xsl:variable name="shown"><xsl:call-template name="shown-in"><xsl:with-param name="name" select="@name"/></xsl:call-template></xsl:variable>
    <xsl:if test="normalize-space($shown)">
      <xsl:value-of select="concat('- Shown in: ', $shown, '&#10;')"/>
    </xsl:if>
    <!-- content -->
    <xsl:text>- Content: </xsl:text>
    <xsl:variable name="kids" select=".//rng:element[generate-id(ancestor::rng:element[1]) = $eid] | .//rng:ref[generate-id(ancestor::rng:element[1]) = $eid][not(key('define', @name)/rng:attribute)][not(ancestor::rng:attribute)]"/>
    <xsl:choose>
      <xsl:when test="rng:empty or (not($kids) and not(.//rng:text) and not(.//rng:data[generate-id(ancestor::rng:element[1]) = $eid]) and not(.//rng:value[not(ancestor::rng:attribute)]))">empty</xsl:when>
      <xsl:when test="not($kids)">
        <xsl:call-template name="value"><xsl:with-param name="p" select="."/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$kids">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:choose>
            <xsl:when test="self::rng:element">
              <xsl:value-of select="concat('`&lt;', @name, '&gt;`')"/>
            </xsl:when>
            <xsl:when test="key('define', @name)/rng:element">
              <xsl:value-of select="concat('`&lt;', key('define', @name)/rng:element/@name, '&gt;`')"/>
            </xsl:when>
            <xsl:when test="@name = 'nonempty-text'">text</xsl:when>
            <xsl:otherwise>
              <xsl:variable name="d" select="key('define', @name)"/>
              <xsl:variable name="d1" select="key('define', $d//rng:ref/@name)"/>
              <xsl:variable name="d2" select="key('define', $d1[not(rng:element)]//rng:ref/@name)"/>
              <xsl:if test="$d//rng:mixed">text with </xsl:if>
              <xsl:variable name="names">
                <xsl:for-each select="$d1/rng:element | $d2/rng:element">
                  <xsl:value-of select="concat(@name, ' ')"/>
                </xsl:for-each>
              </xsl:variable>
              <xsl:variable name="unique"><xsl:call-template name="dedupe"><xsl:with-param name="list" select="$names"/></xsl:call-template></xsl:variable>
              <xsl:call-template name="tags"><xsl:with-param name="list" select="$unique"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:text> (</xsl:text>
          <xsl:call-template name="occurs"><xsl:with-param name="eid" select="$eid"/></xsl:call-template>
          <xsl:text>)</xsl:text>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>&#10;</xsl:text>
    <!-- example -->
    <xsl:variable name="ex">
      <xsl:call-template name="example">
        <xsl:with-param name="name" select="@name"/>
        <xsl:with-param name="parent" select="substring-before($parents, ' ')"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:if test="string($ex)">
      <xsl:value-of select="concat('- Example: `', $ex, '`&#10;')"/>
    </xsl:if>
    <!-- attributes -->
    <xsl:variable name="own" select=".//rng:attribute[generate-id(ancestor::rng:element[1]) = $eid]"/>
    <xsl:variable name="via" select=".//rng:ref[generate-id(ancestor::rng:element[1]) = $eid][key('define', @name)/rng:attribute]"/>
    <xsl:if test="$own | $via">
      <xsl:text>
| attribute | value | required | meaning |
|---|---|---|---|
</xsl:text>
      <xsl:for-each select="$via">
        <xsl:variable name="at" select="key('define', @name)/rng:attribute"/>
        <xsl:value-of select="concat('| `', $at/@name, '` | ')"/>
        <xsl:call-template name="value"><xsl:with-param name="p" select="$at"/></xsl:call-template>
        <xsl:text> | </xsl:text>
        <xsl:call-template name="occurs"><xsl:with-param name="eid" select="$eid"/></xsl:call-template>
        <xsl:value-of select="concat(' | ', normalize-space($at/a:documentation), ' |&#10;')"/>
      </xsl:for-each>
      <xsl:for-each select="$own">
        <xsl:value-of select="concat('| `', @name, '` | ')"/>
        <xsl:call-template name="value"><xsl:with-param name="p" select="."/></xsl:call-template>
        <xsl:text> | </xsl:text>
        <xsl:call-template name="occurs"><xsl:with-param name="eid" select="$eid"/></xsl:call-template>
        <xsl:value-of select="concat(' | ', normalize-space(a:documentation), ' |&#10;')"/>
      </xsl:for-each>
    </xsl:if>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="tags">
    <xsl:param name="list"/>
    <xsl:if test="normalize-space($list)">
      <xsl:value-of select="concat('`&lt;', substring-before($list, ' '), '&gt;`')"/>
      <xsl:if test="normalize-space(substring-after($list, ' '))">, </xsl:if>
      <xsl:call-template name="tags"><xsl:with-param name="list" select="substring-after($list, ' ')"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
