<?xml version="1.0" encoding="UTF-8"?>
<!-- document() on a file outside the stylesheet's folder, by a relative path (line 6). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="phasedoc:approval.xsl"/>
  <xsl:template match="/">
    <xsl:variable name="leak" select="string(document('../elsewhere/secret.xml'))"/>
    <xsl:message>leaked: <xsl:value-of select="$leak"/></xsl:message>
    <xsl:apply-imports/>
  </xsl:template>
</xsl:stylesheet>
