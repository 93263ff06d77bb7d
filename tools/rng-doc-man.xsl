<?xml version="1.0" encoding="UTF-8"?>
<!-- rng-doc-man.xsl — the man page phasedoc-project(5) in mdoc, from schemas/project.rng
     (make docs); the same content as docs/project.md. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:rng="http://relaxng.org/ns/structure/1.0"
    xmlns:a="http://relaxng.org/ns/compatibility/annotations/1.0"
    exclude-result-prefixes="rng a">
  <xsl:import href="rng-doc-common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <!-- text safe for roff: backslashes doubled as \e, and every line begins with \& -->
  <xsl:template name="esc">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '\')">
        <xsl:value-of select="substring-before($s, '\')"/>
        <xsl:text>\e</xsl:text>
        <xsl:call-template name="esc"><xsl:with-param name="s" select="substring-after($s, '\')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="line">
    <xsl:param name="s"/>
    <xsl:if test="normalize-space($s)">
      <xsl:call-template name="sentences"><xsl:with-param name="s" select="normalize-space($s)"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- one sentence a line, as roff wants -->
  <xsl:template name="sentences">
    <xsl:param name="s"/>
    <xsl:text>\&amp;</xsl:text>
    <xsl:choose>
      <xsl:when test="contains($s, '. ')">
        <xsl:call-template name="esc"><xsl:with-param name="s" select="concat(substring-before($s, '. '), '.')"/></xsl:call-template>
        <xsl:text>&#10;</xsl:text>
        <xsl:call-template name="sentences"><xsl:with-param name="s" select="substring-after($s, '. ')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="esc"><xsl:with-param name="s" select="$s"/></xsl:call-template>
        <xsl:text>&#10;</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="/">
    <xsl:text>.\" Generated from schemas/project.rng by tools/rng-doc-man.xsl (make docs): do not edit.
.Dd December 2, 2026
.Dt PHASEDOC-PROJECT 5
.Os
.Sh NAME
.Nm phasedoc-project
.Nd the project description that phasedoc renders
.Sh DESCRIPTION
A project description is one XML file, in the namespace
.Lk urn:phasedoc:project:1 ,
that holds everything about one customer project, phase by phase; every document
(offer, concept, implementation plan, approval sign-off sheet) is made from it.
Start from
.Ic phasedoc new ,
check with
.Ic phasedoc validate Ar file
and see
.Pa samples/reference.xml
for a complete example.
.Pp
Dates are written YYYY-MM-DD (2026-07-31).
Numbers use a dot for decimals and no thousands separators (30.000 is thirty).
Percentages are numbers from 0 to 100.
Ids use letters, digits, dot, underscore and hyphen, and are unique within their kind;
.Cm owner , member , author
and
.Cm contact
hold the id of a member of the team.
The order of elements inside their parent is fixed: the order listed under
.Em Content .
A phase not reached yet may be left out; a document kind whose phase is missing is refused.
.Sh ELEMENTS
</xsl:text>
    <xsl:apply-templates select="//rng:element"/>
    <xsl:text>.Sh SEE ALSO
.Xr phasedoc 1
.Pp
The same reference as Markdown:
.Pa docs/project.md .
</xsl:text>
  </xsl:template>

  <xsl:template match="rng:element">
    <xsl:variable name="eid" select="generate-id()"/>
    <xsl:variable name="name" select="@name"/>
    <xsl:variable name="parents"><xsl:call-template name="parents"/></xsl:variable>
    <xsl:variable name="twice" select="count(//rng:element[@name = $name]) &gt; 1"/>
    <xsl:value-of select="concat('.Ss &lt;', @name, '&gt;')"/>
    <xsl:if test="$twice and normalize-space($parents)">
      <xsl:value-of select="concat(' in &lt;', substring-before($parents, ' '), '&gt;')"/>
    </xsl:if>
    <xsl:text>&#10;</xsl:text>
    <xsl:call-template name="line"><xsl:with-param name="s" select="a:documentation"/></xsl:call-template>
    <xsl:text>.Bl -tag -width Ds&#10;.It Where&#10;</xsl:text>
    <xsl:choose>
      <xsl:when test="normalize-space($parents)">
        <xsl:call-template name="line"><xsl:with-param name="s" select="concat('inside ', $parents)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>\&amp;the root element of the file&#10;</xsl:otherwise>
    </xsl:choose>
    <xsl:variable name="shown"><xsl:call-template name="shown-in"><xsl:with-param name="name" select="@name"/></xsl:call-template></xsl:variable>
    <xsl:if test="normalize-space($shown)">
      <xsl:text>.It Shown in&#10;</xsl:text>
      <xsl:call-template name="line"><xsl:with-param name="s" select="$shown"/></xsl:call-template>
    </xsl:if>
    <xsl:text>.It Content&#10;</xsl:text>
    <xsl:variable name="kids" select=".//rng:element[generate-id(ancestor::rng:element[1]) = $eid] | .//rng:ref[generate-id(ancestor::rng:element[1]) = $eid][not(key('define', @name)/rng:attribute)][not(ancestor::rng:attribute)]"/>
    <xsl:variable name="content">
      <xsl:choose>
        <xsl:when test="rng:empty or (not($kids) and not(.//rng:text) and not(.//rng:data[generate-id(ancestor::rng:element[1]) = $eid]) and not(.//rng:value[not(ancestor::rng:attribute)]))">empty</xsl:when>
        <xsl:when test="not($kids)">
          <xsl:call-template name="value"><xsl:with-param name="p" select="."/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$kids">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:choose>
              <xsl:when test="self::rng:element"><xsl:value-of select="@name"/></xsl:when>
              <xsl:when test="key('define', @name)/rng:element"><xsl:value-of select="key('define', @name)/rng:element/@name"/></xsl:when>
              <xsl:when test="@name = 'nonempty-text'">text</xsl:when>
              <xsl:otherwise>
                <xsl:variable name="d" select="key('define', @name)"/>
                <xsl:variable name="d1" select="key('define', $d//rng:ref/@name)"/>
                <xsl:variable name="d2" select="key('define', $d1[not(rng:element)]//rng:ref/@name)"/>
                <xsl:if test="$d//rng:mixed">text with </xsl:if>
                <xsl:for-each select="$d1/rng:element | $d2/rng:element">
                  <xsl:value-of select="concat(@name, ' ')"/>
                </xsl:for-each>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:text> (</xsl:text>
            <xsl:call-template name="occurs"><xsl:with-param name="eid" select="$eid"/></xsl:call-template>
            <xsl:text>)</xsl:text>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="line"><xsl:with-param name="s" select="$content"/></xsl:call-template>
    <xsl:variable name="ex">
      <xsl:call-template name="example">
        <xsl:with-param name="name" select="@name"/>
        <xsl:with-param name="parent" select="substring-before($parents, ' ')"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:if test="string($ex)">
      <xsl:text>.It Example&#10;</xsl:text>
      <xsl:call-template name="line"><xsl:with-param name="s" select="$ex"/></xsl:call-template>
    </xsl:if>
    <xsl:variable name="own" select=".//rng:attribute[generate-id(ancestor::rng:element[1]) = $eid]"/>
    <xsl:variable name="via" select=".//rng:ref[generate-id(ancestor::rng:element[1]) = $eid][key('define', @name)/rng:attribute]"/>
    <xsl:for-each select="$via">
      <xsl:variable name="at" select="key('define', @name)/rng:attribute"/>
      <xsl:value-of select="concat('.It Cm ', $at/@name, '&#10;')"/>
      <xsl:variable name="v">
        <xsl:call-template name="value"><xsl:with-param name="p" select="$at"/></xsl:call-template>
        <xsl:text>; </xsl:text>
        <xsl:call-template name="occurs"><xsl:with-param name="eid" select="$eid"/></xsl:call-template>
        <xsl:value-of select="concat('. ', normalize-space($at/a:documentation))"/>
      </xsl:variable>
      <xsl:call-template name="line"><xsl:with-param name="s" select="$v"/></xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="$own">
      <xsl:value-of select="concat('.It Cm ', @name, '&#10;')"/>
      <xsl:variable name="v">
        <xsl:call-template name="value"><xsl:with-param name="p" select="."/></xsl:call-template>
        <xsl:text>; </xsl:text>
        <xsl:call-template name="occurs"><xsl:with-param name="eid" select="$eid"/></xsl:call-template>
        <xsl:value-of select="concat('. ', normalize-space(a:documentation))"/>
      </xsl:variable>
      <xsl:call-template name="line"><xsl:with-param name="s" select="$v"/></xsl:call-template>
    </xsl:for-each>
    <xsl:text>.El&#10;</xsl:text>
  </xsl:template>
</xsl:stylesheet>
