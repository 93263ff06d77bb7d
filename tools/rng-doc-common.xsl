<?xml version="1.0" encoding="UTF-8"?>
<!-- rng-doc-common.xsl — what the reference of the project description says about each element
     of schemas/project.rng, shared by the Markdown (rng-doc-md.xsl) and the man page
     (rng-doc-man.xsl) writers: where an element goes, its attributes (type, required), its
     content, an example from samples/reference.xml, and the documents that show it (found in
     the stylesheets). Everything comes from the schema's annotations, so it cannot drift. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:rng="http://relaxng.org/ns/structure/1.0"
    xmlns:a="http://relaxng.org/ns/compatibility/annotations/1.0"
    exclude-result-prefixes="rng a">

  <xsl:key name="define" match="rng:define" use="@name"/>
  <xsl:key name="ref" match="rng:ref" use="@name"/>

  <xsl:variable name="example" select="document('../samples/reference.xml')"/>
  <xsl:variable name="kinds" select="'offer concept implementation approval '"/>

  <!-- documentation text, white space folded -->
  <xsl:template name="doc">
    <xsl:param name="of" select="."/>
    <xsl:value-of select="normalize-space($of/a:documentation)"/>
  </xsl:template>

  <!-- the element pattern (or root) a pattern belongs to -->
  <xsl:template name="owner-id">
    <xsl:value-of select="generate-id(ancestor::rng:element[1])"/>
  </xsl:template>

  <!-- names of the elements whose content refers to define $name (recursing through defines
       that hold no element, like block and inline), separated by spaces -->
  <xsl:template name="users-of">
    <xsl:param name="name"/>
    <xsl:param name="depth" select="0"/>
    <xsl:for-each select="key('ref', $name)">
      <xsl:choose>
        <xsl:when test="ancestor::rng:element">
          <xsl:value-of select="concat(ancestor::rng:element[1]/@name, ' ')"/>
        </xsl:when>
        <xsl:when test="ancestor::rng:start"/>
        <xsl:when test="$depth &lt; 6">
          <xsl:call-template name="users-of">
            <xsl:with-param name="name" select="ancestor::rng:define/@name"/>
            <xsl:with-param name="depth" select="$depth + 1"/>
          </xsl:call-template>
        </xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- "a b c " without repeats -->
  <xsl:template name="dedupe">
    <xsl:param name="list"/>
    <xsl:param name="seen" select="' '"/>
    <xsl:if test="normalize-space($list)">
      <xsl:variable name="first" select="substring-before(concat(normalize-space($list), ' '), ' ')"/>
      <xsl:variable name="rest" select="substring-after(normalize-space($list), ' ')"/>
      <xsl:choose>
        <xsl:when test="contains($seen, concat(' ', $first, ' '))">
          <xsl:call-template name="dedupe">
            <xsl:with-param name="list" select="$rest"/>
            <xsl:with-param name="seen" select="$seen"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="concat($first, ' ')"/>
          <xsl:call-template name="dedupe">
            <xsl:with-param name="list" select="$rest"/>
            <xsl:with-param name="seen" select="concat($seen, $first, ' ')"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- the parents of element pattern $e, as "a b " -->
  <xsl:template name="parents">
    <xsl:param name="e" select="."/>
    <xsl:variable name="raw">
      <xsl:choose>
        <xsl:when test="$e/ancestor::rng:element">
          <xsl:value-of select="$e/ancestor::rng:element[1]/@name"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="users-of">
            <xsl:with-param name="name" select="$e/ancestor::rng:define/@name"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="dedupe"><xsl:with-param name="list" select="$raw"/></xsl:call-template>
  </xsl:template>

  <!-- how often a pattern may occur in its element: "required", "optional", "repeatable",
       "one or more", "one of a choice" -->
  <xsl:template name="occurs">
    <xsl:param name="p" select="."/>
    <xsl:param name="eid"/>
    <xsl:variable name="inside" select="$p/ancestor::*[generate-id(ancestor::rng:element[1]) = $eid or generate-id(.) = $eid]"/>
    <xsl:choose>
      <xsl:when test="$p/ancestor::rng:zeroOrMore[generate-id(ancestor::rng:element[1]) = $eid]">any number</xsl:when>
      <xsl:when test="$p/ancestor::rng:optional[generate-id(ancestor::rng:element[1]) = $eid]">optional</xsl:when>
      <xsl:when test="$p/ancestor::rng:choice[generate-id(ancestor::rng:element[1]) = $eid]">in some cases (see above)</xsl:when>
      <xsl:when test="$p/ancestor::rng:oneOrMore[generate-id(ancestor::rng:element[1]) = $eid]">one or more</xsl:when>
      <xsl:otherwise>required</xsl:otherwise>
    </xsl:choose>
    <xsl:if test="not($inside)"/>
  </xsl:template>

  <!-- words for a value pattern (the content of an attribute, or of a simple element) -->
  <xsl:template name="value">
    <xsl:param name="p"/>
    <xsl:choose>
      <xsl:when test="$p/rng:ref">
        <xsl:variable name="d" select="key('define', $p/rng:ref/@name)"/>
        <xsl:choose>
          <xsl:when test="$d/rng:choice/rng:value">
            <xsl:call-template name="values"><xsl:with-param name="c" select="$d/rng:choice"/></xsl:call-template>
          </xsl:when>
          <xsl:when test="$p/rng:ref/@name = 'nonempty-text'">text</xsl:when>
          <xsl:when test="$p/rng:ref/@name = 'id' or $p/rng:ref/@name = 'idref'">an id (letters, digits, . _ -)</xsl:when>
          <xsl:when test="$d/a:documentation">
            <xsl:value-of select="concat($p/rng:ref/@name, ': ', normalize-space($d/a:documentation))"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$p/rng:ref/@name"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$p/rng:choice[rng:value]">
        <xsl:call-template name="values"><xsl:with-param name="c" select="$p/rng:choice"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$p/rng:value">the value <xsl:value-of select="$p/rng:value"/></xsl:when>
      <xsl:when test="$p/rng:data[@type = 'date']">a date, YYYY-MM-DD (2026-07-31)</xsl:when>
      <xsl:when test="$p/rng:data[@type = 'language']">a language tag (en, de, de-CH)</xsl:when>
      <xsl:when test="$p/rng:data[contains(@type, 'nteger')]">
        <xsl:text>a whole number without separators</xsl:text>
        <xsl:if test="$p/rng:data/rng:param[@name = 'maxInclusive']">
          <xsl:value-of select="concat(', at most ', $p/rng:data/rng:param[@name = 'maxInclusive'])"/>
        </xsl:if>
      </xsl:when>
      <xsl:when test="$p/rng:data/rng:param[@name = 'pattern']">
        <xsl:value-of select="concat('text matching ', $p/rng:data/rng:param[@name = 'pattern'])"/>
      </xsl:when>
      <xsl:when test="$p/rng:data"><xsl:value-of select="$p/rng:data/@type"/></xsl:when>
      <xsl:when test="$p/rng:list">ids separated by spaces</xsl:when>
      <xsl:otherwise>text</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="values">
    <xsl:param name="c"/>
    <xsl:text>one of </xsl:text>
    <xsl:for-each select="$c/rng:value">
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:value-of select="."/>
    </xsl:for-each>
  </xsl:template>

  <!-- the attribute patterns of element pattern $e: its own and those of the defines it
       refers to (phase-status, phase-date) -->
  <xsl:template name="attributes-of">
    <xsl:param name="e"/>
    <xsl:variable name="eid" select="generate-id($e)"/>
    <xsl:copy-of select="$e//rng:attribute[generate-id(ancestor::rng:element[1]) = $eid]"/>
  </xsl:template>

  <!-- the documents whose stylesheet reads element $name (p:NAME in an XPath), or "every
       document" when the shared module does -->
  <xsl:template name="shown-in">
    <xsl:param name="name"/>
    <xsl:variable name="needle" select="concat('p:', $name)"/>
    <xsl:variable name="common" select="document('../stylesheets/common.xsl')//@*[contains(concat(., '|'), $needle) and not(contains('abcdefghijklmnopqrstuvwxyz-', substring(substring-after(concat(., '|'), $needle), 1, 1)))]"/>
    <xsl:choose>
      <xsl:when test="$common">every document</xsl:when>
      <xsl:otherwise>
        <xsl:variable name="list">
          <xsl:call-template name="kinds-reading">
            <xsl:with-param name="needle" select="$needle"/>
            <xsl:with-param name="kinds" select="$kinds"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:value-of select="normalize-space($list)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="kinds-reading">
    <xsl:param name="needle"/>
    <xsl:param name="kinds"/>
    <xsl:if test="normalize-space($kinds)">
      <xsl:variable name="k" select="substring-before($kinds, ' ')"/>
      <xsl:if test="document(concat('../stylesheets/', $k, '.xsl'))//@*[contains(concat(., '|'), $needle) and not(contains('abcdefghijklmnopqrstuvwxyz-', substring(substring-after(concat(., '|'), $needle), 1, 1)))]">
        <xsl:value-of select="concat($k, ' ')"/>
      </xsl:if>
      <xsl:call-template name="kinds-reading">
        <xsl:with-param name="needle" select="$needle"/>
        <xsl:with-param name="kinds" select="substring-after($kinds, ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- the start tag of the first $name in samples/reference.xml below a $parent -->
  <xsl:template name="example">
    <xsl:param name="name"/>
    <xsl:param name="parent"/>
    <xsl:variable name="all" select="$example//*[local-name() = $name]"/>
    <xsl:variable name="x" select="($all[local-name(..) = $parent] | $all[not($parent)])[1]"/>
    <xsl:if test="$x">
      <xsl:value-of select="concat('&lt;', $name)"/>
      <xsl:for-each select="$x/@*">
        <xsl:value-of select="concat(' ', local-name(), '=&quot;', ., '&quot;')"/>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="not($x/node())">/&gt;</xsl:when>
        <xsl:when test="not($x/*) and string-length(normalize-space($x)) &lt; 70">
          <xsl:value-of select="concat('&gt;', normalize-space($x), '&lt;/', $name, '&gt;')"/>
        </xsl:when>
        <xsl:otherwise>&gt;…</xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
